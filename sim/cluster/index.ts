export * from './schema.ts';
export * from './validate.ts';
export * from './capacity.ts';
export * from './import-capacity.ts';
export * from './admission-fair-sharing.ts';

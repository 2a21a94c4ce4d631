export * from './catalog.ts';
export * from './schema.ts';
export * from './compute.ts';
export * from './validate.ts';
export * from './scenario-costs.ts';

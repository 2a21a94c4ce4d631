export * from './errors.ts';
export * from './connection.ts';
export * from './capabilities.ts';
export * from './plan.ts';
export * from './diff.ts';
export * from './apply.ts';
export * from './import.ts';

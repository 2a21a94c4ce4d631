export * from './catalog.ts';
export * from './schema.ts';
export * from './flags.ts';

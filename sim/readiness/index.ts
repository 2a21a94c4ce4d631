export * from './questions.ts';
export * from './schema.ts';
export * from './recommend.ts';
export * from './effective.ts';

export * from './schema.ts';
export * from './parse.ts';
export { migrateScenarioDocument } from './migrate.ts';
export { scenarioFileName, scenarioSlug } from './file-name.ts';

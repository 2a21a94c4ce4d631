export * from './schema.ts';
export * from './parse.ts';
export { migrateScenarioDocument } from './migrate.ts';
export { scenarioFileName, scenarioSlug } from './file-name.ts';
export { decodeScenarioBytes } from './utf8.ts';
export { MAX_NESTING_DEPTH } from './nesting.ts';
export { checkScenario, type ScenarioCheckIssue, type ScenarioChecks } from './check.ts';
export { applyScenarioChanges, createScenarioChecker, scenarioChanges, scenarioIssues, validateScenarioChanges, type ScenarioChanges, type ScenarioSectionKey } from './changes.ts';

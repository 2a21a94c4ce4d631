export * from './types.ts';
export * from './errors.ts';
export { openScenarioStore, DEFAULT_AUTO_SNAPSHOT_INTERVAL_MS, type ScenarioStoreOptions } from './sqlite-store.ts';
export { defaultDataDir, openStoreInDir, seedSamplesOnFirstStart, DATABASE_FILE_NAME, SAMPLES_SEEDED_SETTING } from './data-dir.ts';
export { LATEST_DB_VERSION } from './migrations.ts';

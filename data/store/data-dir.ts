/**
 * Where the database lives and what a first start puts in it.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSamples } from '../samples/index.ts';
import { AlreadyExistsError } from './errors.ts';
import { openScenarioStore, type ScenarioStoreOptions } from './sqlite-store.ts';
import type { ScenarioStore } from './types.ts';

export const DATABASE_FILE_NAME = 'podplan.db';
/** Setting that records that the samples were offered once; deleting them later must not bring them back. */
export const SAMPLES_SEEDED_SETTING = 'samplesSeeded';

/** `$XDG_DATA_HOME/podplan`, else `~/.local/share/podplan` (XDG Base Directory spec: a relative XDG_DATA_HOME is ignored). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'podplan');
  return join(home, '.local', 'share', 'podplan');
}

/** Creates the directory (private to the user) when missing and opens `podplan.db` in it. */
export function openStoreInDir(
  dir: string,
  options: Omit<ScenarioStoreOptions, 'file'> = {},
): ScenarioStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return openScenarioStore({ ...options, file: join(dir, DATABASE_FILE_NAME) });
}

/**
 * On a database that has never been seeded, stores the sample scenarios
 * (skipping an id already taken) and remembers that it did. Returns the ids it created.
 */
export function seedSamplesOnFirstStart(store: ScenarioStore): string[] {
  if (store.getSetting(SAMPLES_SEEDED_SETTING) !== undefined) return [];
  const taken = new Set([
    ...store.listScenarios().map((s) => s.id),
    ...store.listScenarios({ deleted: true }).map((s) => s.id),
  ]);
  const created: string[] = [];
  for (const sample of loadSamples()) {
    if (taken.has(sample.id)) continue;
    try {
      store.createScenario(sample, { isSample: true });
      created.push(sample.id);
    } catch (error) {
      // Another Podplan process starting at the same moment seeded it first.
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
  store.setSetting(SAMPLES_SEEDED_SETTING, true);
  return created;
}

/**
 * The packaged app's Electron fuses (issue #13 finding 18). The fuses are
 * flipped by electron-builder from `electronFuses` in electron-builder.yml;
 * the Electron binary cannot be downloaded here, so this runs the same chain
 * electron-builder runs — its config mapping, then @electron/fuses — on a
 * file laid out like Electron's fuse wire, and reads the wire back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const builder = parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
const fuses = builder.electronFuses ?? {};

/** electron-builder's names → the fuse wire's positions (app-builder-lib's generateFuseConfig). */
const WIRE: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** A fuse's byte in the wire (@electron/fuses' FuseState, which its index does not export). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31, INHERIT: 0x90 } as const;

const dir = mkdtempSync(path.join(tmpdir(), 'podplan-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packaged app’s Electron fuses', () => {
  it('turn off running as Node (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and load only the checked app.asar', () => {
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // Every fuse is named: nothing inherits Electron's default by omission.
    expect(Object.keys(fuses).sort()).toEqual(Object.keys(WIRE).sort());
  });

  it('flip as configured in a binary laid out like Electron’s fuse wire', async () => {
    // Electron's layout: the sentinel, the wire version (1), the wire length, then one byte per fuse.
    const binary = path.join(dir, 'electron');
    const wire = Buffer.alloc(Object.keys(WIRE).length, FuseState.INHERIT);
    writeFileSync(binary, Buffer.concat([Buffer.from('\u007fELF…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length]), wire, Buffer.from('…')]));
    const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true } as FuseV1Config;
    for (const [name, option] of Object.entries(WIRE)) (config as Record<number, boolean>)[option] = fuses[name]!;
    await flipFuses(binary, config);
    const flipped = await getCurrentFuseWire(binary);
    for (const [name, option] of Object.entries(WIRE)) {
      expect(flipped[option] as number, name).toBe(fuses[name] ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, createZip, readZip, ZipFormatError } from './zip.ts';

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const u16 = (zip: Uint8Array, at: number) => new DataView(zip.buffer, zip.byteOffset).getUint16(at, true);
const u32 = (zip: Uint8Array, at: number) => new DataView(zip.buffer, zip.byteOffset).getUint32(at, true);

function hasTool(command: string): boolean {
  try {
    execFileSync(command, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('zip writer', () => {
  const entries = [
    { path: 'plan/kustomization.yaml', data: 'resources:\n  - namespace/team-a.yaml\n' },
    { path: 'plan/namespace/team-a.yaml', data: 'apiVersion: v1\nkind: Namespace\n' },
    { path: 'plan/ünïcode/naïve.yaml', data: new Uint8Array([0, 1, 2, 255]) },
    { path: 'plan/empty.yaml', data: '' },
  ];

  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes local headers, a central directory and an end record as the spec lays them out', () => {
    const zip = createZip(entries);
    // First local header.
    expect(u32(zip, 0)).toBe(0x04034b50);
    expect(u16(zip, 4)).toBe(10); // version needed
    expect(u16(zip, 6)).toBe(0x0800); // UTF-8 names
    expect(u16(zip, 8)).toBe(0); // stored
    expect(u16(zip, 10)).toBe(0); // 00:00:00
    expect(u16(zip, 12)).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
    const firstData = new TextEncoder().encode(entries[0]!.data as string);
    expect(u32(zip, 14)).toBe(crc32(firstData));
    expect(u32(zip, 18)).toBe(firstData.length);
    expect(u32(zip, 22)).toBe(firstData.length);
    expect(text(zip.subarray(30, 30 + u16(zip, 26)))).toBe('plan/kustomization.yaml');
    // End record: 22 bytes at the very end, no comment.
    const end = zip.length - 22;
    expect(u32(zip, end)).toBe(0x06054b50);
    expect(u16(zip, end + 8)).toBe(entries.length);
    expect(u16(zip, end + 10)).toBe(entries.length);
    const centralStart = u32(zip, end + 16);
    expect(centralStart + u32(zip, end + 12)).toBe(end);
    expect(u32(zip, centralStart)).toBe(0x02014b50);
    expect(u32(zip, centralStart + 42)).toBe(0); // first entry's local header offset
    expect(u32(zip, centralStart + 38) >>> 16).toBe(0o100644);
  });

  it('reads back every entry with its bytes, CRC and the fixed timestamp', () => {
    const read = readZip(createZip(entries));
    expect(read.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    expect(text(read[0]!.data)).toBe(entries[0]!.data);
    expect([...read[2]!.data]).toEqual([0, 1, 2, 255]);
    expect(read[3]!.data.length).toBe(0);
    expect(read.every((e) => e.dosDate === 33 && e.dosTime === 0)).toBe(true);
  });

  it('is byte-stable: the same files give the same bytes', () => {
    expect(createZip(entries)).toEqual(createZip(entries.map((e) => ({ ...e }))));
    expect(createZip(entries, { date: { year: 2024, month: 5, day: 6, hour: 7, minute: 8, second: 10 } })).not.toEqual(createZip(entries));
  });

  it('refuses unsafe and duplicate paths', () => {
    for (const bad of ['/etc/passwd', '../x', 'a/../b', 'a//b', 'a\\b', '', 'dir/']) {
      expect(() => createZip([{ path: bad, data: 'x' }]), bad).toThrow(/safe relative path/);
    }
    expect(() => createZip([{ path: 'a', data: '1' }, { path: 'a', data: '2' }])).toThrow(/Duplicate/);
  });

  it('the reader notices a flipped byte (CRC) and a truncated archive', () => {
    const zip = createZip([{ path: 'a.txt', data: 'hello' }]);
    const flipped = zip.slice();
    const at = 30 + 'a.txt'.length;
    flipped[at] = flipped[at]! ^ 0xff;
    expect(() => readZip(flipped)).toThrow(/CRC-32 mismatch/);
    expect(() => readZip(zip.subarray(0, zip.length - 5))).toThrow(ZipFormatError);
  });

  it.skipIf(!hasTool('unzip'))('Info-ZIP unzip tests and extracts it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-zip-'));
    try {
      const file = path.join(dir, 'plan.zip');
      writeFileSync(file, createZip(entries));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'out')]);
      expect(readFileSync(path.join(dir, 'out', 'plan', 'namespace', 'team-a.yaml'), 'utf8')).toBe(entries[1]!.data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

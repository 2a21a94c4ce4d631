/**
 * Writing a report's files: each through a temporary file and a rename (a
 * crash never leaves half a PDF), the Markdown's charts beside it, the CSV
 * tables into a folder or one .zip. Existing report files are replaced, as
 * `podplan export` replaces a YAML file.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createZip } from '../../../sim/formats/zip.ts';
import { CliError } from '../io.ts';

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(error);
    throw new CliError(`Cannot write ${file}: ${why}.`, { code: 'write' });
  }
}

/** One file (HTML, PDF, pptx). */
export async function writeReportFile(file: string, data: Uint8Array | string): Promise<string[]> {
  await writeAtomic(file, data);
  return [file];
}

/** A main file and files beside it (Markdown and its SVG charts). */
export async function writeWithSiblings(file: string, data: string, siblings: ReadonlyArray<{ name: string; text: string }>): Promise<string[]> {
  const dir = path.dirname(file);
  for (const s of siblings) await writeAtomic(path.join(dir, s.name), s.text);
  await writeAtomic(file, data);
  return [file, ...siblings.map((s) => path.join(dir, s.name))];
}

/** CSV tables: into `out` as a folder (made when missing), or zipped when `out` ends in .zip. */
export async function writeTables(out: string, files: ReadonlyArray<{ name: string; text: string }>): Promise<string[]> {
  if (out.toLowerCase().endsWith('.zip')) {
    await writeAtomic(out, createZip(files.map((f) => ({ path: f.name, data: f.text }))));
    return [out];
  }
  const existing = await stat(out).catch(() => null);
  if (existing && !existing.isDirectory()) throw new CliError(`--out ${out} is a file: CSV tables go into a folder (or a .zip).`, { code: 'write' });
  await mkdir(out, { recursive: true });
  for (const f of files) await writeAtomic(path.join(out, f.name), f.text);
  return files.map((f) => path.join(out, f.name));
}

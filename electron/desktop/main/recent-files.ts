/**
 * The recent files list: newest first, at most 10, no duplicates, kept in a
 * JSON file in userData (written atomically). A missing or damaged file
 * means an empty list, never a failed start.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

export const MAX_RECENT_FILES = 10;

/** Keeps only absolute paths (as strings), newest first, de-duplicated, at most `max`. */
export function sanitizeRecentList(raw: unknown, max = MAX_RECENT_FILES): string[] {
  const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' && Array.isArray((raw as { files?: unknown }).files) ? (raw as { files: unknown[] }).files : [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || item.length === 0 || item.length > 4096 || item.includes('\0') || !isAbsolute(item)) continue;
    const path = normalize(item);
    if (!out.includes(path)) out.push(path);
    if (out.length >= max) break;
  }
  return out;
}

/** Puts `filePath` first. */
export function withRecent(list: readonly string[], filePath: string, max = MAX_RECENT_FILES): string[] {
  const path = normalize(filePath);
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

export class RecentFiles {
  readonly #file: string;
  readonly #onChange: (files: readonly string[]) => void;
  #files: string[];
  #writes: Promise<void> = Promise.resolve();

  constructor(file: string, onChange: (files: readonly string[]) => void = () => undefined) {
    this.#file = file;
    this.#onChange = onChange;
    this.#files = RecentFiles.#load(file);
  }

  static #load(file: string): string[] {
    try {
      return sanitizeRecentList(JSON.parse(readFileSync(file, 'utf8')) as unknown);
    } catch {
      return [];
    }
  }

  list(): string[] {
    return [...this.#files];
  }

  has(filePath: string): boolean {
    return this.#files.includes(normalize(filePath));
  }

  add(filePath: string): Promise<void> {
    return this.#set(withRecent(this.#files, filePath));
  }

  remove(filePath: string): Promise<void> {
    const path = normalize(filePath);
    return this.#set(this.#files.filter((p) => p !== path));
  }

  clear(): Promise<void> {
    return this.#set([]);
  }

  /** Resolves when every change so far is on disk. */
  flushed(): Promise<void> {
    return this.#writes;
  }

  #set(files: string[]): Promise<void> {
    const changed = files.length !== this.#files.length || files.some((p, i) => p !== this.#files[i]);
    if (!changed) return this.#writes;
    this.#files = files;
    this.#onChange(this.list());
    const text = `${JSON.stringify({ files }, null, 2)}\n`;
    // Writes run one after another, so the file ends with the latest list.
    this.#writes = this.#writes.catch(() => undefined).then(() => writeFileAtomic(this.#file, text));
    return this.#writes;
  }
}

/**
 * A small, dependency-free ZIP writer (and a reader for tests and checks):
 * stored entries (no compression), CRC-32, UTF-8 names, and one fixed
 * timestamp, so the same files always give the same bytes. Enough for a
 * kustomize directory of a few hundred small YAML files; not ZIP64 (each
 * entry and the whole archive must stay under 4 GiB, 65,535 entries).
 *
 * Layout (APPNOTE.TXT 6.3): for each entry a local file header and its data,
 * then the central directory (one header per entry), then the
 * end-of-central-directory record. Browser-safe: Uint8Array and DataView only.
 */

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, relative (no leading `/`, no `..`). */
  path: string;
  data: Uint8Array | string;
}

export interface ZipOptions {
  /** Timestamp of every entry; default 1980-01-01 00:00:00 (the earliest a ZIP can hold). */
  date?: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number };
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800;
/** "Version needed to extract": 1.0, enough for stored entries. */
const VERSION_NEEDED = 10;
/** "Version made by": Unix (3) in the high byte, spec 2.0, so external attributes carry Unix modes. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** -rw-r--r-- regular file. */
const FILE_MODE = 0o100644;
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (IEEE 802.3, as ZIP, gzip and PNG use it). */
export function crc32(data: Uint8Array): number {
  const t = table();
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = t[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosDateTime(options: ZipOptions): { date: number; time: number } {
  const d = options.date ?? { year: 1980, month: 1, day: 1 };
  if (d.year < 1980 || d.year > 2107) throw new RangeError(`A ZIP timestamp must be from 1980 to 2107 (got ${d.year})`);
  const date = ((d.year - 1980) << 9) | (d.month << 5) | d.day;
  const time = ((d.hour ?? 0) << 11) | ((d.minute ?? 0) << 5) | Math.floor((d.second ?? 0) / 2);
  return { date, time };
}

function checkPath(path: string): void {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`Not a safe relative path for a ZIP entry: "${path}"`);
  }
}

/** The archive's bytes. Entries are written in the order given; duplicate paths are refused. */
export function createZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Uint8Array {
  if (entries.length > MAX_U16) throw new RangeError(`A ZIP without ZIP64 holds at most ${MAX_U16} entries (got ${entries.length})`);
  const encoder = new TextEncoder();
  const { date, time } = dosDateTime(options);
  const seen = new Set<string>();
  const prepared = entries.map((entry) => {
    checkPath(entry.path);
    if (seen.has(entry.path)) throw new Error(`Duplicate ZIP entry "${entry.path}"`);
    seen.add(entry.path);
    const name = encoder.encode(entry.path);
    if (name.length > MAX_U16) throw new RangeError(`ZIP entry name too long: "${entry.path.slice(0, 40)}…"`);
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    return { name, data, crc: crc32(data) };
  });

  const localSize = prepared.reduce((sum, e) => sum + 30 + e.name.length + e.data.length, 0);
  const centralSize = prepared.reduce((sum, e) => sum + 46 + e.name.length, 0);
  const total = localSize + centralSize + 22;
  if (localSize > MAX_U32 || total > MAX_U32) throw new RangeError('The ZIP would be larger than 4 GiB (ZIP64 is not supported)');

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value >>> 0, true);
    at += 4;
  };
  const bytes = (value: Uint8Array) => {
    out.set(value, at);
    at += value.length;
  };

  const offsets: number[] = [];
  for (const e of prepared) {
    offsets.push(at);
    u32(LOCAL_SIGNATURE);
    u16(VERSION_NEEDED);
    u16(UTF8_FLAG);
    u16(0); // method: stored
    u16(time);
    u16(date);
    u32(e.crc);
    u32(e.data.length); // compressed size
    u32(e.data.length); // uncompressed size
    u16(e.name.length);
    u16(0); // extra field length
    bytes(e.name);
    bytes(e.data);
  }
  const centralStart = at;
  prepared.forEach((e, i) => {
    u32(CENTRAL_SIGNATURE);
    u16(VERSION_MADE_BY);
    u16(VERSION_NEEDED);
    u16(UTF8_FLAG);
    u16(0);
    u16(time);
    u16(date);
    u32(e.crc);
    u32(e.data.length);
    u32(e.data.length);
    u16(e.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk number start
    u16(0); // internal attributes
    u32(FILE_MODE * 0x10000); // external attributes: Unix mode in the high 16 bits
    u32(offsets[i]!);
    bytes(e.name);
  });
  const centralLength = at - centralStart;
  u32(END_SIGNATURE);
  u16(0); // this disk
  u16(0); // disk with the central directory
  u16(prepared.length);
  u16(prepared.length);
  u32(centralLength);
  u32(centralStart);
  u16(0); // comment length
  return out;
}

export interface ZipReadEntry {
  path: string;
  data: Uint8Array;
  crc: number;
  /** MS-DOS date and time fields as stored. */
  dosDate: number;
  dosTime: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/**
 * Reads a ZIP of stored entries through its central directory, checking
 * every local header against it and every CRC. Refuses compressed entries,
 * ZIP64 and multi-disk archives.
 */
export function readZip(archive: Uint8Array): ZipReadEntry[] {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = (message: string): never => {
    throw new ZipFormatError(message);
  };
  // The end record sits in the last 22 + 65,535 bytes (its comment may be up to 64 KiB).
  let end = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - MAX_U16); i--) {
    if (view.getUint32(i, true) === END_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) fail('no end-of-central-directory record');
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) fail('multi-disk archives are not supported');
  const count = view.getUint16(end + 10, true);
  const centralLength = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (centralStart + centralLength !== end) fail('the central directory does not end where the end record starts');

  const entries: ZipReadEntry[] = [];
  let at = centralStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) fail(`central directory entry ${i} is missing`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const dosTime = view.getUint16(at + 12, true);
    const dosDate = view.getUint16(at + 14, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const path = decoder.decode(archive.subarray(at + 46, at + 46 + nameLength));
    if (method !== 0) fail(`${path}: compression method ${method} is not supported (stored only)`);
    if (compressed !== size) fail(`${path}: stored entry with different compressed and uncompressed sizes`);
    if ((flags & 0x0008) !== 0) fail(`${path}: data descriptors are not supported`);

    if (view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) fail(`${path}: no local header at offset ${localOffset}`);
    const localNameLength = view.getUint16(localOffset + 26, true);
    const localExtraLength = view.getUint16(localOffset + 28, true);
    const localName = decoder.decode(archive.subarray(localOffset + 30, localOffset + 30 + localNameLength));
    if (localName !== path) fail(`${path}: the local header names "${localName}"`);
    if (view.getUint32(localOffset + 14, true) !== crc || view.getUint32(localOffset + 22, true) !== size) {
      fail(`${path}: the local header disagrees with the central directory`);
    }
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    if (dataStart + size > centralStart) fail(`${path}: data runs into the central directory`);
    const data = archive.slice(dataStart, dataStart + size);
    if (crc32(data) !== crc) fail(`${path}: CRC-32 mismatch`);
    entries.push({ path, data, crc, dosDate, dosTime });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== end) fail('trailing bytes after the central directory entries');
  return entries;
}

/**
 * Streams a trace file from disk through the pure scanner or importer
 * (`sim/traces/`), reporting progress as bytes read of the file's size and
 * rows read. The file is never held whole in memory: its bytes go in chunks
 * of 1 MiB to the importer, which decodes them, refuses a file that is not
 * text, and keeps no line longer than its limit.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Cluster } from '../../sim/cluster/schema.ts';
import {
  createTraceImporter,
  createTraceScanner,
  createTraceTableImporter,
  detectTraceFormat,
  SNIFF_LENGTH,
  sniffTraceText,
  type TraceFormat,
  type TraceImportOptions,
  type TraceImportResult,
  type TraceInputSink,
  type TraceRowProblem,
  type TraceScan,
  type TraceTableImportResult,
} from '../../sim/traces/index.ts';

export interface TraceReadProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data rows read so far (an import; a scan reports bytes only). */
  rows?: number;
}

export interface TraceReadOptions {
  onProgress?: (progress: TraceReadProgress) => void;
  /** Polled between chunks; true stops reading (the result covers what was read). */
  shouldCancel?: () => boolean;
  /** Bytes per chunk (default 1 MiB). */
  chunkBytes?: number;
}

async function streamFile(file: string, sink: TraceInputSink & { readonly aborted?: boolean; readonly rows?: number }, options: TraceReadOptions): Promise<void> {
  const { size } = await stat(file);
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  let bytesRead = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytesRead += buffer.length;
      sink.pushBytes(buffer);
      options.onProgress?.({ bytesRead, totalBytes: size, ...(sink.rows !== undefined ? { rows: sink.rows } : {}) });
      if (sink.aborted || options.shouldCancel?.()) break;
    }
  } finally {
    stream.destroy();
  }
}

/** First pass: users, virtual clusters and bad rows, for the mapping step. */
export async function scanTraceFile(file: string, format: TraceFormat, options: TraceReadOptions = {}): Promise<TraceScan> {
  const scanner = createTraceScanner(format);
  await streamFile(file, scanner, options);
  return scanner.finish();
}

/** Second pass: the workloads, mapped to the cluster's team queues, as readable specs. */
export async function importTraceFile(file: string, cluster: Cluster, importOptions: TraceImportOptions, options: TraceReadOptions = {}): Promise<TraceImportResult> {
  const importer = createTraceImporter(cluster, importOptions);
  await streamFile(file, importer, options);
  return importer.finish();
}

/** The same import into the simulator's compact table: what `podplan simulate gpu --trace` runs, in bounded memory. */
export async function importTraceTable(file: string, cluster: Cluster, importOptions: TraceImportOptions, options: TraceReadOptions = {}): Promise<TraceTableImportResult> {
  const importer = createTraceTableImporter(cluster, importOptions, { expectedRows: await estimateRows(file, importOptions.format) });
  await streamFile(file, importer, options);
  return importer.finish();
}

/**
 * Rows a file holds, from its size and the rows in its first 64 KiB (+5%):
 * sizes the compact table once. Philly's rows are job objects (counted by
 * their "jobid"), which may span many lines or share one.
 */
async function estimateRows(file: string, format: TraceFormat): Promise<number> {
  const { size } = await stat(file);
  const text = await head(file, 1 << 16);
  const rows = format === 'philly' ? text.split('"jobid"').length - 1 : text.split('\n').length - 1;
  if (rows < 2 || size <= text.length) return rows + 1;
  return Math.ceil((size / (text.length / rows)) * 1.05);
}

async function head(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    // A character cut at the end of the window is not the file's fault: decoded as a stream, it is held back.
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

/** The layout a file's first 64 KiB suggest, or undefined. */
export async function detectTraceFileFormat(file: string): Promise<TraceFormat | undefined> {
  return detectTraceFormat(await head(file, 1 << 16));
}

/** Why a file is not a text trace (binary, not UTF-8), from its first KiB; undefined when it is text. */
export async function traceFileNotText(file: string): Promise<TraceRowProblem | undefined> {
  return sniffTraceText(await head(file, SNIFF_LENGTH * 4));
}

/**
 * Streams a trace file from disk through the pure scanner or importer
 * (`sim/traces/`), reporting progress as bytes read of the file's size. The
 * file is never held whole in memory: a trace of millions of rows streams
 * in chunks of 1 MiB.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Cluster } from '../../sim/cluster/schema.ts';
import { createTraceImporter, createTraceScanner, detectTraceFormat, type TraceFormat, type TraceImportOptions, type TraceImportResult, type TraceScan } from '../../sim/traces/index.ts';

export interface TraceReadProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface TraceReadOptions {
  onProgress?: (progress: TraceReadProgress) => void;
  /** Polled between chunks; true stops reading (the result covers what was read). */
  shouldCancel?: () => boolean;
  /** Bytes per chunk (default 1 MiB). */
  chunkBytes?: number;
}

async function streamFile(file: string, sink: { push(chunk: string): void; readonly aborted?: boolean }, options: TraceReadOptions): Promise<void> {
  const { size } = await stat(file);
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  // A UTF-8 character may straddle two chunks: the decoder holds its first bytes back.
  const decoder = new StringDecoder('utf8');
  let bytesRead = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytesRead += buffer.length;
      sink.push(decoder.write(buffer));
      options.onProgress?.({ bytesRead, totalBytes: size });
      if (sink.aborted || options.shouldCancel?.()) break;
    }
    sink.push(decoder.end());
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

/** Second pass: the workloads, mapped to the cluster's team queues. */
export async function importTraceFile(file: string, cluster: Cluster, importOptions: TraceImportOptions, options: TraceReadOptions = {}): Promise<TraceImportResult> {
  const importer = createTraceImporter(cluster, importOptions);
  await streamFile(file, importer, options);
  return importer.finish();
}

/** The layout a file's first 64 KiB suggest, or undefined. */
export async function detectTraceFileFormat(file: string): Promise<TraceFormat | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return detectTraceFormat(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

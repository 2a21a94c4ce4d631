/**
 * Trace import in the Web Worker: the picked file (a Blob crosses to the
 * worker without being read on the UI thread) streams in chunks through the
 * pure scanner (pass 1: format, users, virtual clusters, bad rows, for the
 * mapping step) or importer (pass 2: workloads for the run), with progress
 * in bytes and cancel between chunks.
 */
import type { Cluster } from '../../sim/cluster/schema.ts';
import { createTraceImporter, createTraceScanner, detectTraceFormat, type TraceFormat, type TraceImportOptions, type TraceImportResult, type TraceScan } from '../../sim/traces/index.ts';
import type { JobContext } from '../workers/job-host.ts';

export interface TraceScanInput {
  file: Blob;
  /** Unset: detected from the file's first 64 KiB. */
  format?: TraceFormat;
}

export type TraceScanOutput = { ok: true; scan: TraceScan; detected: boolean } | { ok: false; message: string };

export interface TraceImportInput {
  file: Blob;
  cluster: Cluster;
  options: TraceImportOptions;
}

const CHUNK_BYTES = 1 << 20;

async function streamBlob(file: Blob, sink: { push(chunk: string): void; readonly aborted?: boolean }, context: JobContext, verb: string): Promise<void> {
  // A UTF-8 character may straddle two chunks: the streaming decoder holds its first bytes back.
  const decoder = new TextDecoder('utf-8');
  const size = file.size;
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    sink.push(decoder.decode(bytes, { stream: true }));
    const done = Math.min(size, offset + CHUNK_BYTES);
    context.progress(done, size, `${verb} ${Math.round((100 * done) / Math.max(1, size))}% of the trace`);
    if (sink.aborted || context.cancelled) return;
    await context.breathe();
  }
  sink.push(decoder.decode());
}

export async function scanTraceJob(input: TraceScanInput, context: JobContext): Promise<TraceScanOutput> {
  let format = input.format;
  if (!format) {
    format = detectTraceFormat(await input.file.slice(0, 1 << 16).text());
    if (!format) return { ok: false, message: 'The layout of this file is not one Podplan reads: choose the format (Philly JSON, Helios, PAI, openb or the generic CSV).' };
  }
  const scanner = createTraceScanner(format);
  await streamBlob(input.file, scanner, context, 'Scanning');
  return { ok: true, scan: scanner.finish(), detected: input.format === undefined };
}

export async function importTraceJob(input: TraceImportInput, context: JobContext): Promise<TraceImportResult> {
  const importer = createTraceImporter(input.cluster, input.options);
  await streamBlob(input.file, importer, context, 'Importing');
  return importer.finish();
}

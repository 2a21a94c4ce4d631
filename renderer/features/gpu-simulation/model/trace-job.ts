/**
 * Trace import in the Web Worker: the picked file (a Blob crosses to the
 * worker without being read on the UI thread) streams in chunks through the
 * pure scanner (pass 1: format, users, virtual clusters, bad rows, for the
 * mapping step) or importer (pass 2: workloads for the run), with progress
 * in bytes and cancel between chunks. The importer checks the text itself
 * (a binary start, bytes that are not UTF-8, lines over its limit).
 */
import type { Cluster } from '../../../../sim/cluster/schema.ts';
import { createTraceImporter, createTraceScanner, detectTraceFormat, MAX_LINE_LENGTH, sniffTraceText, type TraceFormat, type TraceImportOptions, type TraceImportResult, type TraceScan } from '../../../../sim/traces/index.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';

export interface TraceScanInput {
  file: Blob;
  /** Unset: detected from the file's first 64 KiB. */
  format?: TraceFormat;
  /** A CSV in its own layout read as the generic CSV: file column → generic column (the header line is renamed). */
  columns?: Record<string, string>;
}

export type TraceScanOutput =
  | { ok: true; scan: TraceScan; detected: boolean }
  /** `header`: the file's first line split into columns, for the column-mapping step (a CSV Podplan did not recognise). */
  | { ok: false; message: string; header: string[] | null };

export interface TraceImportInput {
  file: Blob;
  cluster: Cluster;
  options: TraceImportOptions;
  columns?: Record<string, string>;
}

/** The columns of the generic CSV a column mapping may name (sim/traces/README.md). */
export const GENERIC_COLUMNS = ['id', 'submit_time', 'duration', 'start_time', 'end_time', 'gpus_per_pod', 'pods', 'user', 'vc', 'cpu_per_pod', 'memory_gib_per_pod', 'priority', 'flavor', 'kind'] as const;

const cell = (c: string) => c.trim().replace(/^"|"$/g, '');

export function headerColumns(firstLine: string): string[] {
  return firstLine.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map(cell);
}

/** The header renamed by the mapping; columns it does not name become unused ones (so that no name is taken twice). */
export function renameHeader(line: string, columns: Readonly<Record<string, string>>): string {
  return headerColumns(line)
    .map((name, i) => columns[name] ?? `unused_${i + 1}`)
    .join(',');
}

/** Passes chunks on, with the first line (the header) renamed; line numbers stay as they are. */
function withRenamedHeader<S extends { push(chunk: string): void }>(sink: S, columns: Readonly<Record<string, string>> | undefined): { push(chunk: string): void; flush(): void } {
  if (!columns) return { push: (c) => sink.push(c), flush: () => {} };
  let head: string | null = '';
  return {
    push(chunk) {
      if (head === null) return sink.push(chunk);
      head += chunk;
      const nl = head.indexOf('\n');
      if (nl < 0) {
        // No line break within the limit: not a header to rename; the importer refuses the line itself (bounded memory).
        if (head.length > MAX_LINE_LENGTH) {
          sink.push(head);
          head = null;
        }
        return;
      }
      const eol = head[nl - 1] === '\r' ? '\r\n' : '\n';
      const rest = head.slice(nl + 1);
      sink.push(renameHeader(head.slice(0, nl), columns) + eol + rest);
      head = null;
    },
    flush() {
      if (head !== null && head !== '') sink.push(renameHeader(head, columns));
      head = null;
    },
  };
}

const CHUNK_BYTES = 1 << 20;

async function streamBlob(file: Blob, target: { push(chunk: string): void; readonly aborted?: boolean }, context: JobContext, verb: string, columns?: Record<string, string>): Promise<void> {
  // A UTF-8 character may straddle two chunks: the streaming decoder holds its first bytes back.
  const decoder = new TextDecoder('utf-8');
  const renamed = withRenamedHeader(target, columns);
  const sink = { push: renamed.push, get aborted() { return target.aborted ?? false; } };
  const size = file.size;
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    sink.push(decoder.decode(bytes, { stream: true }));
    const done = Math.min(size, offset + CHUNK_BYTES);
    context.progress(done, size, `${verb} ${Math.round((100 * done) / Math.max(1, size))}% of the trace`);
    if (sink.aborted || context.cancelled) return renamed.flush();
    await context.breathe();
  }
  sink.push(decoder.decode());
  renamed.flush();
}

export async function scanTraceJob(input: TraceScanInput, context: JobContext): Promise<TraceScanOutput> {
  // A binary file is refused before detection or column mapping could take its bytes for column names.
  const notText = sniffTraceText(new TextDecoder('utf-8').decode(new Uint8Array(await input.file.slice(0, 4096).arrayBuffer()), { stream: true }));
  if (notText) return { ok: false, header: null, message: `This file cannot be read as a trace: ${notText.message}.` };
  let format = input.format;
  if (!format) {
    const head = await input.file.slice(0, 1 << 16).text();
    format = detectTraceFormat(head);
    if (!format) {
      const header = head.trimStart().startsWith('[') || head.trimStart().startsWith('{') ? null : headerColumns(head);
      return {
        ok: false,
        header,
        message: header
          ? 'Podplan does not recognise this layout: map its columns to the generic CSV’s below, or choose the format.'
          : 'The layout of this file is not one Podplan reads: choose the format (Philly JSON, Helios, PAI, openb or the generic CSV).',
      };
    }
  }
  const scanner = createTraceScanner(format);
  await streamBlob(input.file, scanner, context, 'Scanning', input.columns);
  return { ok: true, scan: scanner.finish(), detected: input.format === undefined };
}

export async function importTraceJob(input: TraceImportInput, context: JobContext): Promise<TraceImportResult> {
  const importer = createTraceImporter(input.cluster, input.options);
  await streamBlob(input.file, importer, context, 'Importing', input.columns);
  return importer.finish();
}

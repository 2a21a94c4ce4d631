/**
 * The history import in the Web Worker: the picked file (a Blob crosses to
 * the worker unread) streams in 1 MiB chunks through the pure importer of
 * `sim/history`, with progress in bytes and cancel between chunks. The
 * format is detected from the first 64 KiB unless the user chose one; a
 * file that is no CSV export is refused with the reason first.
 */
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { sniffText } from '../../../../sim/formats/sniff.ts';
import { containerReason, createHistoryImporter, detectHistoryFormat, undetectedReason, type HistoryFormat, type HistoryImportResult, type OnBadRow } from '../../../../sim/history/index.ts';

export interface HistoryJobInput {
  file: Blob;
  /** The file's name, kept in the history. */
  name: string;
  /** Unset: detected. */
  format?: HistoryFormat;
  onBadRow: OnBadRow;
}

export type HistoryJobOutput =
  | { ok: true; format: HistoryFormat; detected: boolean; result: HistoryImportResult; bytes: number }
  | { ok: false; message: string };

const CHUNK_BYTES = 1 << 20;

export async function importHistoryJob(input: HistoryJobInput, context: JobContext): Promise<HistoryJobOutput> {
  const headBytes = new Uint8Array(await input.file.slice(0, 1 << 16).arrayBuffer());
  const container = containerReason(headBytes);
  if (container) return { ok: false, message: `${input.name} cannot be imported: ${container}.` };
  const head = new TextDecoder('utf-8').decode(headBytes, { stream: true }).replace(/^\uFEFF/, '');
  const notText = sniffText(head, 'a text (CSV) export');
  if (notText) return { ok: false, message: `${input.name} cannot be imported: ${notText.message}.` };
  const format = input.format ?? detectHistoryFormat(head);
  if (!format) return { ok: false, message: `${undetectedReason(head, input.name)}.` };

  const size = input.file.size;
  const importer = createHistoryImporter({ format, source: input.name, onBadRow: input.onBadRow });
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    importer.pushBytes(new Uint8Array(await input.file.slice(offset, offset + CHUNK_BYTES).arrayBuffer()));
    const done = Math.min(size, offset + CHUNK_BYTES);
    context.progress(done, size, `Reading ${Math.round((100 * done) / Math.max(1, size))}% of ${input.name}`);
    if (importer.stopped || context.cancelled) break;
    await context.breathe();
  }
  return { ok: true, format, detected: input.format === undefined, result: importer.finish(), bytes: size };
}

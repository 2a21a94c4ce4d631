/**
 * Streams a delivery-history export from disk through the pure importer of
 * `sim/history/` in 1 MiB chunks, with progress (bytes read of the file's
 * size, rows), so the file is never held whole: only the items are.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { sniffText } from '../../sim/formats/sniff.ts';
import { SNIFF_LENGTH } from '../../sim/formats/text.ts';
import { containerReason, createHistoryImporter, detectHistoryFormat, undetectedReason, type HistoryFormat, type HistoryImportOptions, type HistoryImportResult } from '../../sim/history/index.ts';

export interface HistoryReadProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export async function importHistoryFile(
  file: string,
  options: HistoryImportOptions,
  onProgress?: (progress: HistoryReadProgress) => void,
  chunkBytes = 1 << 20,
): Promise<HistoryImportResult> {
  const { size } = await stat(file);
  let rows = 0;
  const importer = createHistoryImporter({ ...options, onProgress: (n) => ((rows = n), options.onProgress?.(n)) });
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  let bytesRead = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytesRead += buffer.length;
      importer.pushBytes(buffer);
      onProgress?.({ bytesRead, totalBytes: size, rows });
      if (importer.stopped) break;
    }
  } finally {
    stream.destroy();
  }
  return importer.finish();
}

async function head(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The format a file's first 64 KiB suggest, or why it is no CSV export at
 * all (a spreadsheet, binary data, not UTF-8) — said before any format is
 * guessed, so the message is the real reason.
 */
export async function detectHistoryFile(file: string, name: string): Promise<{ format: HistoryFormat; detected: true } | { format: undefined; why: string } | { notCsv: string; line: number }> {
  const bytes = await head(file, 1 << 16);
  const container = containerReason(bytes);
  if (container) return { notCsv: container, line: 1 };
  let text = new TextDecoder('utf-8').decode(bytes, { stream: true });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const notText = sniffText(text.slice(0, SNIFF_LENGTH), 'a text (CSV) export');
  if (notText) return { notCsv: notText.message, line: notText.line };
  const format = detectHistoryFormat(text);
  return format ? { format, detected: true } : { format: undefined, why: undetectedReason(text, name) };
}

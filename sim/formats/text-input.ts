/**
 * Feeds an exported file to a streaming reader, in chunks: drops a leading
 * byte-order mark, checks that the first KiB is text before the reader sees
 * any of it (a binary file is refused whole), and decodes bytes as UTF-8
 * across chunks. The GPU trace import and the delivery history import share it.
 */
import { sniffText, type NotTextProblem } from './sniff.ts';
import { SNIFF_LENGTH } from './text.ts';

export interface TextReader {
  push(chunk: string): void;
  finish(): void;
}

/** What an importer takes: text in chunks, or the file's bytes (decoded as UTF-8). */
export interface TextInputSink {
  push(chunk: string): void;
  pushBytes(bytes: Uint8Array): void;
}

/**
 * `refuse` hears why the file is not text (then nothing more is read);
 * `stopped` says the import stopped (refused, or aborted at a bad row);
 * `what` names what the file should be, for the refusal ('a text trace').
 */
export function textInput(reader: TextReader, refuse: (problem: NotTextProblem) => void, stopped: () => boolean, what: string): TextInputSink & { finish(): void } {
  /** The file's first characters, while fewer than SNIFF_LENGTH have been checked; null after. */
  let head: string | null = '';
  let decoder: TextDecoder | null = null;
  const push = (chunk: string): void => {
    if (stopped()) return;
    if (head !== null) {
      if (head === '' && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      head += chunk.slice(0, SNIFF_LENGTH - head.length);
      const refusal = sniffText(head, what);
      if (refusal) return refuse(refusal);
      if (head.length >= SNIFF_LENGTH) head = null;
    }
    reader.push(chunk);
  };
  return {
    push,
    pushBytes(bytes) {
      // Not fatal: bytes that are not UTF-8 become U+FFFD, which the sniff (first KiB) and the readers (per line) refuse, naming the line.
      decoder ??= new TextDecoder('utf-8');
      push(decoder.decode(bytes, { stream: true }));
    },
    finish() {
      if (decoder) push(decoder.decode());
      if (!stopped()) reader.finish();
    },
  };
}

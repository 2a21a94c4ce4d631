/**
 * Streams the objects of a JSON job log fed in arbitrary chunks: the
 * elements of a top-level array (Philly's cluster_job_log) or a sequence of
 * objects (JSON Lines). Only one object's text is held at a time, so a
 * multi-gigabyte log streams in constant memory; an object longer than the
 * limit is reported and dropped, never held.
 */
import { MAX_LINE_LENGTH } from './bounds.ts';

export interface JsonObjectHandlers {
  object(value: unknown, line: number): void;
  /** Text that is not valid JSON, or the end of input inside an object. */
  invalid(message: string, line: number): void;
  /** The input held no job object at all (and nothing invalid): the whole file says nothing. */
  empty(message: string): void;
}

export class JsonObjectStream {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth at which job objects start: 1 inside a top-level array, 0 for JSON Lines; -1 until the first token. */
  private base = -1;
  private pending = '';
  private objectLine = 0;
  private inObject = false;
  private strayLine = 0;
  /** The current object passed the limit: reported, and its text is no longer kept. */
  private oversized = false;
  private objects = 0;
  private anyText = false;

  private readonly handlers: JsonObjectHandlers;
  private readonly maxLength: number;

  constructor(handlers: JsonObjectHandlers, maxLength = MAX_LINE_LENGTH) {
    this.handlers = handlers;
    this.maxLength = maxLength;
  }

  push(chunk: string): void {
    let start = this.inObject ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) {
        this.line++;
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      this.anyText = true;
      if (this.base < 0) this.base = c === 91 ? 1 : 0;
      if (c === 34) {
        this.inString = true;
        if (!this.inObject) this.stray();
      } else if (c === 123 || c === 91) {
        if (this.depth === this.base && c === 123) {
          this.inObject = true;
          this.oversized = false;
          this.objectLine = this.line;
          start = i;
        } else if (!this.inObject && !(this.depth === 0 && c === 91 && this.base === 1)) this.stray();
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.inObject && this.depth === this.base) {
          this.objects++;
          this.inObject = false;
          if (!this.oversized && this.pending.length + (i + 1 - start) > this.maxLength) this.tooLong();
          if (!this.oversized) this.emit(this.pending + chunk.slice(start, i + 1));
          this.pending = '';
          start = -1;
        }
        if (this.depth < 0) this.depth = 0;
      } else if (!this.inObject && c !== 44) this.stray();
    }
    if (this.inObject && !this.oversized) {
      if (this.pending.length + chunk.length - Math.max(0, start) > this.maxLength) this.tooLong();
      else this.pending += chunk.slice(Math.max(0, start));
    }
  }

  finish(): void {
    if (this.inObject && !this.oversized) this.handlers.invalid('the file ends inside this job object (truncated?)', this.objectLine);
    else if (this.objects === 0 && this.strayLine === 0) this.handlers.empty(this.anyText ? 'the file has no job objects' : 'the file is empty: no job objects');
    this.inObject = false;
    this.pending = '';
  }

  private tooLong(): void {
    this.oversized = true;
    this.pending = '';
    this.handlers.invalid(`the job object starting at line ${this.objectLine} is longer than the limit of ${this.maxLength.toLocaleString('en')} characters`, this.objectLine);
  }

  private stray(): void {
    // Report each line with stray text once (a number or string where a job object belongs).
    if (this.strayLine === this.line) return;
    this.strayLine = this.line;
    this.handlers.invalid('expected a job object ({…}) here', this.line);
  }

  private emit(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.handlers.invalid(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`, this.objectLine);
      return;
    }
    this.handlers.object(value, this.objectLine);
  }
}

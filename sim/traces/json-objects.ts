/**
 * Streams the objects of a JSON job log fed in arbitrary chunks: the
 * elements of a top-level array (Philly's cluster_job_log) or a sequence of
 * objects (JSON Lines). Only one object's text is held at a time, so a
 * multi-gigabyte log streams in constant memory.
 */
export interface JsonObjectHandlers {
  object(value: unknown, line: number): void;
  /** Text that is not valid JSON, or the end of input inside an object. */
  invalid(message: string, line: number): void;
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

  private readonly handlers: JsonObjectHandlers;

  constructor(handlers: JsonObjectHandlers) {
    this.handlers = handlers;
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
      if (this.base < 0) this.base = c === 91 ? 1 : 0;
      if (c === 34) {
        this.inString = true;
        if (!this.inObject) this.stray();
      } else if (c === 123 || c === 91) {
        if (this.depth === this.base && c === 123) {
          this.inObject = true;
          this.objectLine = this.line;
          start = i;
        } else if (!this.inObject && !(this.depth === 0 && c === 91 && this.base === 1)) this.stray();
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.inObject && this.depth === this.base) {
          const text = this.pending + chunk.slice(start, i + 1);
          this.pending = '';
          this.inObject = false;
          start = -1;
          this.emit(text);
        }
        if (this.depth < 0) this.depth = 0;
      } else if (!this.inObject && c !== 44) this.stray();
    }
    if (this.inObject) this.pending += chunk.slice(Math.max(0, start));
  }

  finish(): void {
    if (this.inObject) this.handlers.invalid('the file ends inside this job object (truncated?)', this.objectLine);
    this.inObject = false;
    this.pending = '';
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

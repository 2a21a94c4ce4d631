/**
 * Autosave of the open scenario: debounced, one request at a time, every save
 * carrying the revision it is based on. A save refused as a conflict stops
 * autosaving until the user chooses to reload theirs or keep (overwrite with)
 * theirs; the user's document is never dropped. Framework-free so it can be
 * tested with fake timers and a fake save function.
 */
import type { SavedRevision, ScenarioRecord } from '../../sim/api/contract.ts';
import type { Scenario, ScenarioIssue } from '../../sim/scenario/index.ts';
import { errorInfo, isConflict, type ErrorInfo } from '../api/errors.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

export interface AutosaveState {
  status: SaveStatus;
  /** Revision the next save is based on. */
  revision: number;
  error: ErrorInfo | null;
  /** For a conflict: the record stored now (theirs). */
  conflict: ScenarioRecord | null;
  savedAt: string | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaveDeps {
  /** Stores `scenario` on `baseRevision`, whose document is `base` (the last one saved): what changed is what differs from it. */
  save(id: string, scenario: Scenario, baseRevision: number, base: Scenario): Promise<SavedRevision>;
  /** Local check before sending; problems are shown as a save error and nothing is sent. */
  validate?(scenario: Scenario): ScenarioIssue[];
  /** Reads what is stored now, when a conflict response did not carry it. */
  fetchCurrent?(id: string): Promise<ScenarioRecord>;
  onState?(state: AutosaveState): void;
  delayMs?: number;
  timers?: Timers;
}

export const AUTOSAVE_DELAY_MS = 400;

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function statusLabel(state: AutosaveState): string {
  switch (state.status) {
    case 'saved':
      return 'Saved';
    case 'saving':
      return 'Saving…';
    case 'dirty':
      return 'Unsaved changes';
    case 'conflict':
      return 'Not saved: changed elsewhere';
    case 'error':
      return `Not saved: ${state.error?.message ?? 'unknown error'}`;
  }
}

export class Autosaver {
  readonly id: string;
  private readonly deps: AutosaveDeps;
  private readonly timers: Timers;
  private readonly delayMs: number;
  private latest: Scenario;
  private saved: Scenario;
  private current: AutosaveState;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private disposed = false;
  private holds = 0;
  /** The debounce ran out while held: save once released. */
  private deferred = false;

  constructor(record: ScenarioRecord, deps: AutosaveDeps) {
    this.id = record.scenario.id;
    this.deps = deps;
    this.timers = deps.timers ?? defaultTimers;
    this.delayMs = deps.delayMs ?? AUTOSAVE_DELAY_MS;
    this.latest = record.scenario;
    this.saved = record.scenario;
    this.current = { status: 'saved', revision: record.revision, error: null, conflict: null, savedAt: record.updatedAt };
  }

  get state(): AutosaveState {
    return this.current;
  }

  /** True while something the user did is not stored yet. */
  get hasUnsavedChanges(): boolean {
    return this.latest !== this.saved || this.current.status === 'saving';
  }

  /** The user changed the document. */
  edit(doc: Scenario): void {
    if (this.disposed) return;
    this.latest = doc;
    if (this.current.status === 'conflict') return;
    if (doc === this.saved && !this.inFlight) {
      this.cancelTimer();
      this.set({ status: 'saved', error: null });
      return;
    }
    if (!this.inFlight) this.set({ status: 'dirty', error: null });
    this.schedule();
  }

  /** Saves now if needed; resolves true when everything is stored. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    while (!this.disposed) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.current.status === 'conflict') return false;
      if (this.latest === this.saved) return true;
      await this.run();
      if (this.failed()) return false;
    }
    return false;
  }

  /** Conflict resolution: overwrite what is stored with the user's document. */
  async keepMine(): Promise<boolean> {
    const theirs = this.current.conflict;
    if (!theirs) return this.flush();
    // Based on their revision, the save is no longer a conflict. If the
    // documents happen to be equal we still save, so the choice is explicit.
    this.saved = theirs.scenario;
    this.set({ status: 'dirty', revision: theirs.revision, conflict: null, error: null });
    return this.flush();
  }

  /**
   * Conflict resolution: adopt what is stored. Returns their document for the
   * editor to show; the caller keeps the user's version reachable by undo.
   */
  takeTheirs(): Scenario | null {
    const theirs = this.current.conflict;
    if (!theirs) return null;
    this.cancelTimer();
    this.saved = theirs.scenario;
    this.latest = theirs.scenario;
    this.set({ status: 'saved', revision: theirs.revision, conflict: null, error: null, savedAt: theirs.updatedAt });
    return theirs.scenario;
  }

  /** After a failed save: try again now. */
  retry(): Promise<boolean> {
    if (this.current.status === 'error') this.set({ status: 'dirty', error: null });
    return this.flush();
  }

  /**
   * Puts autosaving off until the returned release is called (every hold, if
   * several), e.g. while the pointer drags a position: sending a big document
   * takes the main thread for a frame or two. `flush` does not wait for it.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0 && this.deferred && !this.disposed) {
        this.deferred = false;
        this.schedule();
      }
    };
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private failed(): boolean {
    return this.current.status === 'error' || this.current.status === 'conflict';
  }

  private set(patch: Partial<AutosaveState>): void {
    this.current = { ...this.current, ...patch };
    this.deps.onState?.(this.current);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
  }

  private schedule(): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (this.holds > 0) this.deferred = true;
      else if (!this.inFlight) void this.run();
    }, this.delayMs);
  }

  private run(): Promise<void> {
    const promise = this.save().finally(() => {
      if (this.inFlight === promise) this.inFlight = null;
    });
    this.inFlight = promise;
    return promise;
  }

  private async save(): Promise<void> {
    const doc = this.latest;
    if (doc === this.saved || this.current.status === 'conflict') return;
    const issues = this.deps.validate?.(doc) ?? [];
    if (issues.length > 0) {
      const first = issues[0];
      const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'invalid scenario';
      this.set({
        status: 'error',
        error: { message, code: 'invalid', status: null, issues, current: null, policyIssues: [], clusterError: null },
      });
      return;
    }
    this.set({ status: 'saving', error: null });
    try {
      const saved = await this.deps.save(this.id, doc, this.current.revision, this.saved);
      if (this.disposed) return;
      this.saved = doc;
      const pending = this.latest !== doc;
      this.set({ status: pending ? 'dirty' : 'saved', revision: saved.revision, savedAt: saved.updatedAt });
      if (pending && !this.timer) this.schedule();
    } catch (error) {
      if (this.disposed) return;
      const info = errorInfo(error);
      if (isConflict(info)) {
        this.cancelTimer();
        let current = info.current;
        if (!current && this.deps.fetchCurrent) {
          try {
            current = await this.deps.fetchCurrent(this.id);
          } catch (fetchError) {
            info.message = `${info.message} (and reading the stored version failed: ${errorInfo(fetchError).message})`;
          }
        }
        if (this.disposed) return;
        this.set({ status: 'conflict', error: info, conflict: current });
      } else {
        this.set({ status: 'error', error: info });
      }
    }
  }
}

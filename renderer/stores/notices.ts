/**
 * Messages for the user: confirmations with an optional action (the "Undo"
 * after a delete) and errors with their field issues. Errors stay until
 * dismissed; information fades after a while.
 */
import { create } from 'zustand';
import type { ScenarioIssue } from '../../sim/scenario/index.ts';
import type { ErrorInfo } from '../api/errors.ts';

export type NoticeKind = 'info' | 'success' | 'error';

export interface NoticeAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  message?: string;
  issues?: ScenarioIssue[];
  action?: NoticeAction;
  /** More choices beside `action` (e.g. "Replace" / "Keep both"); each closes the notice. */
  moreActions?: NoticeAction[];
}

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  message?: string;
  issues?: ScenarioIssue[];
  action?: NoticeAction;
  moreActions?: NoticeAction[];
  /** Milliseconds until it disappears; errors default to staying. */
  timeoutMs?: number | null;
}

interface NoticesState {
  notices: Notice[];
  push(input: NoticeInput): number;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;
const INFO_TIMEOUT_MS = 8000;
/** At most this many at once (the newest): a pile of notices covers the rows they are about. */
export const MAX_NOTICES = 3;

export const useNotices = create<NoticesState>()((set, get) => ({
  notices: [],
  push(input) {
    const id = nextId++;
    const { timeoutMs, ...rest } = input;
    const notice: Notice = { id, ...rest };
    set({ notices: [...get().notices, notice].slice(-MAX_NOTICES) });
    const timeout = timeoutMs === undefined ? (input.kind === 'error' ? null : INFO_TIMEOUT_MS) : timeoutMs;
    if (timeout !== null && typeof window !== 'undefined') {
      window.setTimeout(() => get().dismiss(id), timeout);
    }
    return id;
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  clear() {
    set({ notices: [] });
  },
}));

/** Shows a failed operation: what was being done, the server's message and field issues. */
export function notifyError(title: string, info: ErrorInfo): number {
  return useNotices.getState().push({
    kind: 'error',
    title,
    message: info.message,
    ...(info.issues.length ? { issues: info.issues } : {}),
  });
}

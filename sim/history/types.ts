/**
 * A team's delivery history as Podplan reads it, whatever tracker it came
 * from (cycle-data CSV, Jira, Linear, GitHub Projects, a status-transition
 * CSV): items, each with the statuses it entered and when. What a status
 * means to the delivery model is the user's mapping (`HistoryMapping`), kept
 * apart from the data so a re-mapping needs no re-import.
 */
import type { EffortStage, InitiativeSize } from '../delivery/parameters.ts';

export const HISTORY_FORMATS = ['cycle-data', 'jira', 'linear', 'github-projects', 'transitions'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** One status an item entered, at a time (ISO 8601, UTC: 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SSZ'). */
export interface StatusChange {
  at: string;
  status: string;
}

export interface HistoryItem {
  /** The tracker's key (PROJ-123, a Linear id, a GitHub item number). */
  id: string;
  /** Issue type as exported ('' when the export has none); the size mapping reads it. */
  type: string;
  /** Team, component or product area as exported ('' when none); the area mapping reads it. */
  area: string;
  /** When it was requested (created), ISO 8601. */
  created: string;
  /** Every status entered, in time order (the first is the status it was created in, when the export says). */
  changes: StatusChange[];
  /** 1-based line in the source file of its first row. */
  line: number;
}

/**
 * What a workflow status means to the model: work on one of its stages, a
 * hand-off queue ("Ready for …", waiting for a team), the backlog before
 * work starts, production (done), or nothing the model counts.
 */
export type StatusMeaning =
  | { kind: 'stage'; stage: EffortStage }
  | { kind: 'waiting'; team: string }
  | { kind: 'backlog' }
  | { kind: 'done' }
  | { kind: 'ignore' };

export interface HistoryMapping {
  /** Every status of the history → its meaning (a status not listed is refused by the calibration, named). */
  statuses: Record<string, StatusMeaning>;
  /** Issue type → initiative size; a type not listed is 'medium'. */
  sizes: Record<string, InitiativeSize>;
  /** Exported team/area → a product area (pod id) of the scenario; not listed = its own area. */
  areas: Record<string, string>;
}

export interface SkippedRow {
  line: number;
  message: string;
}

/** `podplan history import --out history.json` writes this; the calibration reads it. */
export interface DeliveryHistory {
  format: HistoryFormat;
  /** File name it came from. */
  source: string;
  /** Statuses in workflow order (a cycle-data file's column order; else by first appearance along the items' paths). */
  statuses: string[];
  items: HistoryItem[];
  mapping: HistoryMapping;
  /** Rows skipped as bad (onBadRow 'skip'), by line. */
  skipped: SkippedRow[];
}

/**
 * Pure edits of the values fitted from a delivery history (#16): store a
 * calibration, accept or reject each fitted value. Accepting writes the
 * value into `delivery.parameters` (the overrides every design reads) and
 * remembers the override it replaced; rejecting puts that back. Every edit
 * is one scenario change, so the app's undo reverses it.
 */
import { INITIATIVE_SIZES, EFFORT_STAGES, SCALAR_PARAMETERS, type EffortRange } from '../delivery/parameters.ts';
import { DeliveryOverridesSchema, type DeliveryCalibration, type DeliveryOverrides, type FittedParameterRecord } from '../delivery/schema.ts';
import type { Scenario } from '../scenario/index.ts';
import type { BackTest } from '../calibration/backtest.ts';
import type { Calibration } from '../calibration/calibrate.ts';
import type { DeliveryHistory } from '../history/types.ts';

type FittedValue = FittedParameterRecord['value'];

/** An override path split into its parts, or an error naming the key. */
type OverridePath = { kind: 'scalar'; key: (typeof SCALAR_PARAMETERS)[number] } | { kind: 'sizeMix'; size: (typeof INITIATIVE_SIZES)[number] } | { kind: 'effort'; size: (typeof INITIATIVE_SIZES)[number]; stage: (typeof EFFORT_STAGES)[number] };

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T => value !== undefined && (list as readonly string[]).includes(value);

export function overridePath(key: string): OverridePath {
  const [head, a, b, ...rest] = key.split('.');
  if (rest.length === 0 && b === undefined && a === undefined && isOneOf(SCALAR_PARAMETERS, head)) return { kind: 'scalar', key: head };
  if (head === 'sizeMix' && b === undefined && isOneOf(INITIATIVE_SIZES, a)) return { kind: 'sizeMix', size: a };
  if (head === 'effort' && rest.length === 0 && isOneOf(INITIATIVE_SIZES, a) && isOneOf(EFFORT_STAGES, b)) return { kind: 'effort', size: a, stage: b };
  throw new Error(`"${key}" is not a delivery parameter (a parameter's name, sizeMix.<size> or effort.<size>.<stage>)`);
}

/** The override stored at a key (undefined = the documented default is in effect). */
export function overrideAt(overrides: DeliveryOverrides, key: string): FittedValue | undefined {
  const path = overridePath(key);
  if (path.kind === 'scalar') return overrides[path.key];
  if (path.kind === 'sizeMix') return overrides.sizeMix?.[path.size];
  const range = overrides.effort?.[path.size]?.[path.stage];
  return range && range.p10 !== undefined && range.p90 !== undefined ? { p10: range.p10, p90: range.p90 } : undefined;
}

const isRange = (v: FittedValue): v is EffortRange => typeof v === 'object';

/** The overrides with the value at `key` set (or removed when undefined), validated against the documented bounds. */
export function withOverride(overrides: DeliveryOverrides, key: string, value: FittedValue | undefined): DeliveryOverrides {
  const path = overridePath(key);
  const next: DeliveryOverrides = structuredClone(overrides);
  if (path.kind === 'scalar') {
    if (value !== undefined && isRange(value)) throw new Error(`${key} takes one number, not a P10/P90 pair`);
    if (value === undefined) delete next[path.key];
    else next[path.key] = value;
  } else if (path.kind === 'sizeMix') {
    if (value !== undefined && isRange(value)) throw new Error(`${key} takes one share, not a P10/P90 pair`);
    const mix = { ...next.sizeMix };
    if (value === undefined) delete mix[path.size];
    else mix[path.size] = value;
    if (Object.keys(mix).length) next.sizeMix = mix;
    else delete next.sizeMix;
  } else {
    if (value !== undefined && !isRange(value)) throw new Error(`${key} takes a P10/P90 pair of person-weeks`);
    const effort = { ...next.effort };
    const stages = { ...effort[path.size] };
    if (value === undefined) delete stages[path.stage];
    else stages[path.stage] = { p10: value.p10, p90: value.p90 };
    if (Object.keys(stages).length) effort[path.size] = stages;
    else delete effort[path.size];
    if (Object.keys(effort).length) next.effort = effort;
    else delete next.effort;
  }
  const checked = DeliveryOverridesSchema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`${key}: ${JSON.stringify(value)} cannot be used: ${issue.path.join('.')} ${issue.message}`);
  }
  return next;
}

function withCalibration(scenario: Scenario, parameters: DeliveryOverrides, calibration: DeliveryCalibration | undefined): Scenario {
  const delivery = { ...scenario.delivery, parameters };
  if (calibration) delivery.calibration = calibration;
  else delete delivery.calibration;
  return { ...scenario, delivery };
}

/**
 * Store a new calibration (every fitted value pending). Values accepted from
 * an earlier one that the new one does not fit again stay accepted, with
 * their old source: they are still in the overrides.
 */
export function setCalibration(scenario: Scenario, calibration: DeliveryCalibration): Scenario {
  const fittedNow = new Set(calibration.fitted.map((f) => f.key));
  const kept = (scenario.delivery.calibration?.fitted ?? []).filter((f) => f.status === 'accepted' && !fittedNow.has(f.key));
  let parameters = scenario.delivery.parameters;
  // A key fitted again goes back to what it replaced before it is offered anew.
  for (const old of scenario.delivery.calibration?.fitted ?? []) {
    if (old.status === 'accepted' && fittedNow.has(old.key)) parameters = withOverride(parameters, old.key, old.replaced);
  }
  return withCalibration(scenario, parameters, { ...calibration, fitted: [...calibration.fitted.map((f) => ({ ...f, status: 'pending' as const })), ...kept] });
}

function fittedAt(scenario: Scenario, key: string): { calibration: DeliveryCalibration; index: number; record: FittedParameterRecord } {
  const calibration = scenario.delivery.calibration;
  const index = calibration?.fitted.findIndex((f) => f.key === key) ?? -1;
  if (!calibration || index < 0) throw new Error(`no value fitted from a history for ${key}`);
  return { calibration, index, record: calibration.fitted[index]! };
}

function replaceRecord(calibration: DeliveryCalibration, index: number, record: FittedParameterRecord): DeliveryCalibration {
  return { ...calibration, fitted: calibration.fitted.map((f, k) => (k === index ? record : f)) };
}

/**
 * The keys accepted or rejected together with `key`: the size mix's shares
 * are one distribution (accepting one share beside the others' defaults
 * would not sum to 1, and the engine would rescale it in silence).
 */
export function fittedGroup(scenario: Scenario, key: string): string[] {
  if (!key.startsWith('sizeMix.')) return [key];
  return (scenario.delivery.calibration?.fitted ?? []).filter((f) => f.key.startsWith('sizeMix.')).map((f) => f.key);
}

/** Accept a fitted value (the size mix's shares all together). */
export function acceptFitted(scenario: Scenario, key: string): Scenario {
  return fittedGroup(scenario, key).reduce(acceptOne, scenario);
}

/** Reject a fitted value (the size mix's shares all together). */
export function rejectFitted(scenario: Scenario, key: string): Scenario {
  return fittedGroup(scenario, key).reduce(rejectOne, scenario);
}

/** Use a fitted value: it becomes the override, the one it replaces is remembered. */
function acceptOne(scenario: Scenario, key: string): Scenario {
  const { calibration, index, record } = fittedAt(scenario, key);
  if (record.status === 'accepted') return scenario;
  if (record.refused) throw new Error(`${record.label} cannot be used: ${record.refused}`);
  const replaced = overrideAt(scenario.delivery.parameters, key);
  const parameters = withOverride(scenario.delivery.parameters, key, record.value);
  const next: FittedParameterRecord = { ...record, status: 'accepted' };
  if (replaced === undefined) delete next.replaced;
  else next.replaced = replaced;
  return withCalibration(scenario, parameters, replaceRecord(calibration, index, next));
}

/** Do not use a fitted value: an accepted one gives way to the override it replaced (or the default). */
function rejectOne(scenario: Scenario, key: string): Scenario {
  const { calibration, index, record } = fittedAt(scenario, key);
  if (record.status === 'rejected') return scenario;
  const parameters = record.status === 'accepted' ? withOverride(scenario.delivery.parameters, key, record.replaced) : scenario.delivery.parameters;
  const next: FittedParameterRecord = { ...record, status: 'rejected' };
  delete next.replaced;
  return withCalibration(scenario, parameters, replaceRecord(calibration, index, next));
}

/** Accept every pending fitted value that can be used, in one change (one undo step). */
export function acceptAllFitted(scenario: Scenario): Scenario {
  let next = scenario;
  for (const f of scenario.delivery.calibration?.fitted ?? []) if (f.status === 'pending' && !f.refused) next = acceptFitted(next, f.key);
  return next;
}

/** Forget the calibration: every accepted value gives way to what it replaced. */
export function clearCalibration(scenario: Scenario): Scenario {
  const calibration = scenario.delivery.calibration;
  if (!calibration) return scenario;
  let parameters = scenario.delivery.parameters;
  for (const f of calibration.fitted) if (f.status === 'accepted') parameters = withOverride(parameters, f.key, f.replaced);
  return withCalibration(scenario, parameters, undefined);
}

/** "your history: N items, from–to" for a parameter whose value in effect was fitted and accepted; null otherwise. */
export function historySource(scenario: Scenario, key: string): string | null {
  const record = scenario.delivery.calibration?.fitted.find((f) => f.key === key && f.status === 'accepted');
  if (!record) return null;
  return `your history: ${record.items.toLocaleString('en-US')} items, ${record.from} to ${record.to}`;
}

const day = (iso: string) => iso.slice(0, 10);

/** What the scenario keeps of a calibration: the history's span, each fitted value with its interval, the back-test's coverage. */
export function calibrationRecord(history: Pick<DeliveryHistory, 'source' | 'format'>, calibration: Calibration, backTest: BackTest | null): DeliveryCalibration {
  const record: DeliveryCalibration = {
    history: { source: history.source, format: history.format, items: calibration.items, from: day(calibration.from), to: day(calibration.to) },
    fitted: calibration.parameters.map((p) => ({
      key: p.key,
      label: p.label,
      unit: p.unit,
      method: p.method,
      ...(p.refused ? { refused: p.refused } : {}),
      value: p.value,
      low: p.low,
      high: p.high,
      items: p.items,
      from: day(p.from),
      to: day(p.to),
      status: 'pending' as const,
    })),
  };
  if (backTest && backTest.coverage.p50 !== null && backTest.coverage.p85 !== null) {
    record.backTest = { items: backTest.actual.items, coverageP50: backTest.coverage.p50, coverageP85: backTest.coverage.p85, ...(backTest.warning ? { warning: backTest.warning } : {}) };
  }
  return record;
}

/** The scenario holds this fit already (same history and span, every value fitted the same). */
export function isStoredCalibration(scenario: Scenario, record: DeliveryCalibration): boolean {
  const stored = scenario.delivery.calibration;
  if (!stored || JSON.stringify(stored.history) !== JSON.stringify(record.history)) return false;
  const same = (f: FittedParameterRecord) => JSON.stringify([f.value, f.low, f.high, f.items, f.from, f.to]);
  return record.fitted.every((f) => {
    const s = stored.fitted.find((x) => x.key === f.key);
    return s !== undefined && same(s) === same(f);
  });
}

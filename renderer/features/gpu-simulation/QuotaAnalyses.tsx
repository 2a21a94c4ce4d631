/**
 * On demand, on the same workloads: a sweep of one ClusterQueue's GPU
 * nominalQuota (everyone's P90 wait at each value, as a chart), and the
 * recommender (the smallest nominal quotas that keep each team's P90 wait
 * under its target). Both run over the tab's seeds: the sweep shows each
 * team's median P90 with its range over seeds as a band, the recommender
 * judges a target on the median over seeds (its range shown beside it) and
 * never promises more of a flavor than its node pools bring in the plan's
 * leanest month. Teams appear by name, never by internal id.
 */
import { useState } from 'react';
import { SPREAD_WORDS, type QuotaRecommendation, type SweepOverSeeds } from '../../../sim/gpu-sim/index.ts';
import { duration, rangeText, seedsText } from './model/units.ts';
import { sweepChart } from './model/figure-charts.ts';
import type { GpuQuotaRow } from '../../../sim/gpu-sim/variant.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { ChartPanel } from './ChartPanel.tsx';

export interface SweepRequest {
  queue: string;
  flavor: string;
  from: number;
  to: number;
  step: number;
}

export function SweepForm({ rows, busy, onRun }: { rows: GpuQuotaRow[]; busy: boolean; onRun(spec: SweepRequest): void }) {
  const [at, setAt] = useState(0);
  const row = rows[at] ?? rows[0];
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(16);
  const [step, setStep] = useState(2);
  if (!row) return null;
  return (
    <form
      className="gpu-form-row"
      aria-label="nominalQuota sweep"
      onSubmit={(event) => {
        event.preventDefault();
        onRun({ queue: row.clusterQueue, flavor: row.flavor, from, to: Math.max(from, to), step: Math.max(1, step) });
      }}
    >
      <label>
        ClusterQueue and flavor{' '}
        <select className="input" data-native-undo value={at} onChange={(e) => setAt(Number(e.currentTarget.value))}>
          {rows.map((r, i) => (
            <option key={`${r.clusterQueue}/${r.flavor}`} value={i}>
              {r.clusterQueue} · {r.flavor} (now {r.nominalQuota})
            </option>
          ))}
        </select>
      </label>
      <label>
        From <NumberField className="input input-narrow" data-native-undo min={0} max={100_000} value={from} onValue={setFrom} aria-label="Sweep from (GPUs)" />
      </label>
      <label>
        to <NumberField className="input input-narrow" data-native-undo min={0} max={100_000} value={to} onValue={setTo} aria-label="Sweep to (GPUs)" />
      </label>
      <label>
        step <NumberField className="input input-narrow" data-native-undo min={1} max={10_000} value={step} onValue={setStep} aria-label="Sweep step (GPUs)" />
      </label>
      <button type="submit" className="btn btn-small" disabled={busy}>
        Run sweep
      </button>
    </form>
  );
}

export function SweepView({ sweep, seedsAsked, trace, scenarioName }: { sweep: SweepOverSeeds; seedsAsked: number; trace: boolean; scenarioName: string }) {
  return (
    <>
      <ChartPanel data={sweep} draw={sweepChart} name="nominal-quota-sweep" scenarioName={scenarioName} label="sweep chart" />
      <p className="muted small" aria-label="Sweep seeds">
        Each point: {seedsText(trace ? 'trace' : 'generated', sweep.seeds)}{sweep.seeds > 1 ? ' (the band)' : ''}.
        {sweep.cancelled ? ` Cancelled: ${sweep.points.length} values simulated, ${sweep.seeds} of ${seedsAsked} seeds.` : ''}
      </p>
    </>
  );
}

export function RecommendForm({ teams, teamName, busy, onRun }: { teams: string[]; teamName(id: string): string; busy: boolean; onRun(targets: Record<string, number>): void }) {
  const [hours, setHours] = useState<Record<string, number>>({});
  return (
    <form
      className="gpu-form-row"
      aria-label="Quota recommender"
      onSubmit={(event) => {
        event.preventDefault();
        onRun(Object.fromEntries(teams.map((t) => [t, (hours[t] ?? 1) * 3600])));
      }}
    >
      {teams.map((t) => (
        <label key={t}>
          {teamName(t)} P90 ≤{' '}
          <NumberField className="input input-narrow" data-native-undo integer={false} min={0} max={10_000} value={hours[t] ?? 1} onValue={(v) => setHours((h) => ({ ...h, [t]: v }))} aria-label={`P90 wait target of ${teamName(t)} (hours)`} /> h
        </label>
      ))}
      <button type="submit" className="btn btn-small" disabled={busy}>
        Recommend nominal quotas
      </button>
    </form>
  );
}

export function RecommendationTable({ recommendation, trace, onUseAsB }: { recommendation: Omit<QuotaRecommendation, 'cluster'>; trace: boolean; onUseAsB(quotas: Array<{ clusterQueue: string; flavor: string; nominalQuota: number }>): void }) {
  const r = recommendation;
  return (
    <>
      <div className="table-scroll">
        <table className="table compact-table" aria-label="Recommended nominal quotas">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">ClusterQueue · flavor</th>
              <th scope="col" className="num">P90 target</th>
              <th scope="col" className="num">Now</th>
              <th scope="col" className="num">Recommended</th>
              <th scope="col" className="num" title={`Median over seeds, with its ${SPREAD_WORDS}`}>P90 there</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {r.teams.map((t) => (
              <tr key={t.team}>
                <th scope="row">{t.name}</th>
                <td>
                  {t.clusterQueue} · {t.flavor}
                </td>
                <td className="num">{duration(t.target)}</td>
                <td className="num">{t.current}</td>
                <td className="num">
                  <strong>{t.recommended}</strong>
                </td>
                <td className="num">
                  {t.p90Wait === null ? 'never admitted' : duration(t.p90Wait)}
                  {rangeText(t.p90Spread, duration) ? <span className="gpu-spread muted small" title={SPREAD_WORDS}> {rangeText(t.p90Spread, duration)}</span> : null}
                </td>
                <td>{t.met ? 'met' : t.cappedByCapacity ? `missed, even at ${t.largestTried}: all the ${t.flavor} GPUs the other quotas leave` : `missed, even at the largest quota tried (${t.largestTried})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.capacity.map((c) => (
        <p key={`${c.flavor}/${c.resource}`} className={c.overCommitted > 0 ? 'warning-text small' : 'muted small'} role={c.overCommitted > 0 ? 'alert' : undefined} aria-label={`Capacity of ${c.flavor}`}>
          {c.overCommitted > 0
            ? `Over-committed: these quotas promise ${c.promised} ${c.flavor} GPUs where ${c.capacity} exist in month ${c.month} (${c.overCommitted} too many).`
            : `${c.flavor}: the quotas promise ${c.promised} of the ${c.capacity} GPUs that exist in the plan's leanest month (month ${c.month}).`}
          {r.teams.some((t) => t.flavor === c.flavor && t.cappedByCapacity) ? ` Not every target can be met within ${c.capacity} ${c.flavor} GPUs.` : ''}
        </p>
      ))}
      <p className="muted small">
        Targets judged on the median P90 over seeds: {seedsText(trace ? 'trace' : 'generated', r.seeds, r.seedValues)}. {r.runs} runs in {r.rounds} rounds; {r.converged ? 'the search settled' : 'the search stopped at its bounds'}
        {r.choice === 'best-seen' ? ' (the best quotas seen are shown)' : ''}
        {r.cancelled ? '; cancelled' : ''}.{' '}
        <button type="button" className="btn btn-small" onClick={() => onUseAsB(r.teams.map((t) => ({ clusterQueue: t.clusterQueue, flavor: t.flavor, nominalQuota: t.recommended })))}>
          Compare these quotas as policy B
        </button>
      </p>
    </>
  );
}

/**
 * Each design's people and load: headcount per team and its utilisation
 * (work routed to it ÷ what its people do per week). A design with a team at
 * utilisation ≥ 1, or that cannot be formed from the people present, is a
 * card marked "Not a meaningful comparison" with the reason and what to
 * change, and no figures. For the designs re-arranged from the scenario's
 * people (the counterfactuals) the user sets each team's headcount: one
 * undoable edit of `scenario.delivery.designHeadcount` per change.
 */
import type { DesignVerdict } from '../../../sim/delivery/design-load.ts';
import type { DesignKind } from '../../../sim/delivery/design.ts';
import type { DesignResult, DesignTeamSummary } from '../../../sim/delivery/results.ts';
import { MAX_DESIGN_TEAM_HEADCOUNT } from '../../../sim/delivery/schema.ts';
import type { UnavailableResult } from '../../../sim/delivery/simulate.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { designHeadcount, HEADCOUNT_FIELD_LABELS, HEADCOUNT_FIELDS, resetDesignHeadcount, setDesignHeadcount } from '../../../sim/edits/delivery-headcount.ts';
import { useEditor } from '../../stores/editor.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import type { HeadcountField } from '../../../sim/delivery/design-load.ts';

const utilisationText = (u: number | null) => (u === null ? '—' : Number.isFinite(u) ? u.toFixed(2) : 'no people');

/** The people a headcount input stands for today (pods can differ: a range). */
function currentHeadcount(teams: readonly DesignTeamSummary[], field: HeadcountField): string {
  const role = field === 'centralAi' ? 'central-ai' : field === 'productEngineering' ? 'product-engineering' : field === 'perPod' ? 'pod' : 'platform';
  const counts = teams.filter((t) => t.flowRole === role).map((t) => t.headcount);
  if (counts.length === 0) return '';
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function NotMeaningful({ verdict }: { verdict: DesignVerdict & { meaningful: false } }) {
  return (
    <div className="delivery-not-meaningful" role="note">
      <strong>Not a meaningful comparison</strong>
      <p>{verdict.reason}</p>
      <p>
        <span className="delivery-not-meaningful-label">What to change:</span> {verdict.change}
      </p>
    </div>
  );
}

function HeadcountInputs({ doc, kind, label, teams, highlight }: { doc: Scenario; kind: DesignKind; label: string; teams: readonly DesignTeamSummary[]; highlight?: HeadcountField | undefined }) {
  const set = doc.delivery.designHeadcount?.[kind];
  const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
  return (
    <fieldset className="delivery-headcount">
      <legend className="small">People per team (default: the scenario’s people re-arranged, same total)</legend>
      {HEADCOUNT_FIELDS[kind].map((field) => (
        <label key={field} className={`small${field === highlight ? ' is-highlighted' : ''}`}>
          {HEADCOUNT_FIELD_LABELS[field]}{' '}
          <NumberField
            className="input input-narrow"
            aria-label={`${HEADCOUNT_FIELD_LABELS[field]} headcount in ${label}`}
            nullable
            min={1}
            max={MAX_DESIGN_TEAM_HEADCOUNT}
            placeholder={currentHeadcount(teams, field)}
            value={designHeadcount(doc, kind, field) ?? null}
            onValue={(v) => apply((d) => setDesignHeadcount(d, kind, field, v ?? undefined), `delivery:headcount:${kind}:${field}`)}
          />
        </label>
      ))}
      {set ? (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => apply((d) => resetDesignHeadcount(d, kind))}>
          Back to the scenario’s people
        </button>
      ) : null}
    </fieldset>
  );
}

function LoadTable({ design }: { design: DesignResult }) {
  const flow = design.teams.filter((t) => t.utilisation !== null);
  const outside = design.teams.length - flow.length;
  return (
    <table className="results-table small delivery-load">
      <caption className="visually-hidden">People and utilisation per team of {design.label}</caption>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">People</th>
          <th scope="col" title="Initiatives a year that need work from this team">
            Initiatives / year
          </th>
          <th scope="col" title="Work routed to the team ÷ what its people do per week; at 1 or more its queue grows without bound">
            Utilisation
          </th>
        </tr>
      </thead>
      <tbody>
        {flow.map((t) => (
          <tr key={t.id} data-team={t.id} className={t.utilisation !== null && t.utilisation >= 1 ? 'is-overloaded' : undefined}>
            <th scope="row">{t.name}</th>
            <td>{t.headcount}</td>
            <td>{(t.initiativesPerYear ?? 0).toFixed(1)}</td>
            <td data-figure="utilisation">{utilisationText(t.utilisation)}</td>
          </tr>
        ))}
      </tbody>
      {outside > 0 ? (
        <tfoot>
          <tr>
            <td colSpan={4} className="muted">
              {outside} {outside === 1 ? 'team' : 'teams'} outside the flow (cost counted, no initiative work)
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

export function DeliveryDesignLoad({ doc, designs, unavailable, natural }: { doc: Scenario; designs: readonly DesignResult[]; unavailable: readonly UnavailableResult[]; natural: DesignKind }) {
  return (
    <div className="delivery-designs">
      {designs.map((d) => {
        const counterfactual = !d.asModelled;
        return (
          <article key={d.kind} className={`delivery-design-card${d.verdict.meaningful ? '' : ' is-not-meaningful'}`} data-design={d.kind} data-verdict={d.verdict.meaningful ? 'meaningful' : 'not-meaningful'} aria-label={`${d.label}: people and load`}>
            <h4 className="delivery-design-title">
              {d.label} <span className="tag">{d.kind === natural ? 'this scenario' : counterfactual ? 'counterfactual' : 'as modelled'}</span>
            </h4>
            {d.verdict.meaningful ? null : <NotMeaningful verdict={d.verdict} />}
            <LoadTable design={d} />
            {counterfactual ? <HeadcountInputs doc={doc} kind={d.kind} label={d.label} teams={d.teams} highlight={d.verdict.meaningful ? undefined : d.verdict.field} /> : null}
          </article>
        );
      })}
      {unavailable.map((u) => (
        <article key={u.kind} className="delivery-design-card is-not-meaningful" data-design={u.kind} data-verdict="not-meaningful" aria-label={`${u.label}: people and load`}>
          <h4 className="delivery-design-title">
            {u.label} <span className="tag">counterfactual</span>
          </h4>
          <NotMeaningful verdict={u.verdict} />
          <HeadcountInputs doc={doc} kind={u.kind} label={u.label} teams={[]} highlight={u.verdict.field} />
        </article>
      ))}
    </div>
  );
}

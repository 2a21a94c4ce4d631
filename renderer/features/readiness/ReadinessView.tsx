/**
 * The readiness check (M7): the seed's four tough questions as a short form
 * and what they mean for this scenario (`recommend`): the verdict, the
 * reasons, which of the seed's cons apply with its mitigations, and the
 * simulation inputs the answers change. Every sentence carries the seed
 * sentence it rests on, one click away.
 *
 * The answers are the organisation's, shared by every scenario (edits go to
 * the organisation store, undoable there); a scenario can override them, a
 * switch that is an undoable scenario edit, and then says how it differs.
 */
import { useMemo } from 'react';
import { effectiveReadiness } from '../../../sim/readiness/effective.ts';
import { READINESS_QUESTIONS, type QuestionId, type ReadinessQuestion } from '../../../sim/readiness/questions.ts';
import { recommend, type SimulationAdjustment, type SimulationParameter, type Statement, type Verdict } from '../../../sim/readiness/recommend.ts';
import type { ReadinessAnswers } from '../../../sim/readiness/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { ReadinessScope } from './ReadinessScope.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { setReadiness, type ReadinessPatch } from '../../../sim/edits/readiness.ts';
import { SHORT_QUESTIONS } from './model/readiness-labels.ts';
import { useEditor } from '../../stores/editor.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { plural } from '../../model/text.ts';
import './readiness.css';

const VERDICTS: Record<Verdict, { label: string; tone: string }> = {
  'likely-to-help': { label: 'Pods are likely to help', tone: 'good' },
  mixed: { label: 'Mixed: fix what the answers point out first', tone: 'mixed' },
  'unlikely-to-help': { label: 'Pods are unlikely to help', tone: 'bad' },
  're-architect-first': { label: 'Re-architect the org first', tone: 'bad' },
  incomplete: { label: 'Not all questions answered', tone: 'none' },
};

export const PARAMETER_LABELS: Record<SimulationParameter, string> = {
  'pod-handoff-wait': 'Pods’ wait on other teams (hand-offs)',
  'pod-iteration-speedup': 'Pods’ iteration speed-up',
  'cross-pod-coordination-overhead': 'Coordination overhead across pods',
  'data-pipeline-work': 'Data pipeline work',
  'hybrid-role-time-to-hire': 'Time to hire hybrid roles',
  'hybrid-role-salary-percentile': 'Salary percentile of hybrid roles',
  'single-threaded-owner-hires': 'Single-threaded owners to hire or grow',
};

function change(a: SimulationAdjustment): string {
  return a.change.kind === 'multiply' ? `× ${a.change.factor}` : `${a.change.amount >= 0 ? '+' : '−'}${Math.abs(a.change.amount)}`;
}

function StatementText({ statement, subject }: { statement: Statement; subject: string }) {
  return (
    <>
      {statement.text} <SourceBadge kind="seed" subject={subject} source={statement.source} quote={statement.seedQuote} />
    </>
  );
}

export function ReadinessView({ doc }: { doc: Scenario }) {
  const organisation = useOrganisation(selectOrganisationAnswers);
  const own = doc.readiness;
  const overrides = own.scope === 'scenario';
  const answers = useMemo(() => effectiveReadiness(own, organisation), [own, organisation]);
  const teams = doc.teams;
  const ownership = doc.ownership;
  const result = useMemo(() => recommend(answers, { teams, ownership }), [answers, teams, ownership]);
  const pods = teams.filter((t) => t.type === 'stream-aligned-pod').length;
  const verdict = VERDICTS[result.verdict];
  // The edit goes where the answers in effect live: this scenario's override, or the organisation's (every scenario's).
  const set = (patch: ReadinessPatch, key?: string) => {
    if (overrides) useEditor.getState().apply((d) => setReadiness(d, patch), key);
    else useOrganisation.getState().edit(patch, key);
  };
  const seal = () => (overrides ? useEditor.getState().seal() : useOrganisation.getState().seal());

  return (
    <div className="planning-section readiness">
      <div className="readiness-layout">
        <section className="panel readiness-form" aria-labelledby="questions-title">
          <h2 id="questions-title" className="section-title">
            The tough questions <span className="muted small">from the article</span>
          </h2>
          <ReadinessScope doc={doc} organisation={organisation} />
          {READINESS_QUESTIONS.map((q, i) => (
            <Question key={q.id} question={q} index={i} answers={answers} pods={pods} onSet={set} onBlur={seal} />
          ))}
          <div className="field">
            <label htmlFor="readiness-notes" className="field-label">
              Notes
            </label>
            <textarea
              id="readiness-notes"
              className="input textarea"
              rows={3}
              maxLength={5000}
              value={answers.notes}
              placeholder="Who the candidates are, what was discussed"
              onChange={(e) => set({ notes: e.target.value }, 'readiness:notes')}
              onBlur={seal}
            />
          </div>
        </section>

        <section className={`panel recommendation tone-${verdict.tone}`} aria-labelledby="recommendation-title" aria-live="polite">
          <h2 id="recommendation-title" className="section-title">
            Recommendation
          </h2>
          <p className={`verdict verdict-${verdict.tone}`} data-verdict={result.verdict}>
            {verdict.label}
          </p>
          <p className="headline">
            <StatementText statement={result.headline} subject="the recommendation" />
          </p>
          {result.unanswered.length > 0 ? (
            <p className="muted small">Unanswered: {result.unanswered.map((id) => SHORT_QUESTIONS[id]).join(', ')}.</p>
          ) : null}

          {result.reasons.length > 0 ? (
            <>
              <h3 className="subsection-title">Why</h3>
              <ul className="statement-list" aria-label="Reasons">
                {result.reasons.map((s, i) => (
                  <li key={i}>
                    <StatementText statement={s} subject={`reason ${i + 1}`} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h3 className="subsection-title">The article’s cons, for this scenario</h3>
          <ul className="risk-list" aria-label="Risks">
            {result.risks.map((risk) => (
              <li key={risk.id} className={`risk${risk.applies ? ' applies' : ''}`} aria-label={risk.con}>
                <div className="risk-head">
                  <span className={`status-pill ${risk.applies ? 'tone-change' : 'tone-add'}`}>{risk.applies ? 'Applies' : 'Mitigated / not here'}</span>
                  <span className="risk-con">{risk.con}</span>
                  <SourceBadge kind="seed" subject={`the con “${risk.con}”`} source={result.headline.source} quote={risk.con} />
                </div>
                {risk.why.length > 0 ? (
                  <ul className="statement-list small">
                    {risk.why.map((s, i) => (
                      <li key={i}>
                        <StatementText statement={s} subject={`why, ${i + 1}`} />
                      </li>
                    ))}
                  </ul>
                ) : null}
                {risk.applies ? (
                  <div className="mitigations">
                    <span className="muted small">The article’s mitigations:</span>
                    <ul className="statement-list small">
                      {risk.mitigations.map((s, i) => (
                        <li key={i}>
                          <StatementText statement={s} subject={`mitigation ${i + 1}`} />
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>

          <h3 className="subsection-title">Simulation inputs the answers change</h3>
          {result.adjustments.length === 0 ? <p className="muted small">None yet.</p> : null}
          {result.adjustments.length > 0 ? (
            <table className="table compact-table adjustments" aria-label="Simulation input adjustments">
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  <th scope="col" className="num">
                    Change
                  </th>
                  <th scope="col">Because</th>
                </tr>
              </thead>
              <tbody>
                {result.adjustments.map((a) => (
                  <tr key={`${a.parameter}-${a.question}`}>
                    <th scope="row">
                      {PARAMETER_LABELS[a.parameter]}
                      <div className="muted small mono">{a.parameter}</div>
                    </th>
                    <td className="num nowrap">
                      {change(a)}{' '}
                      <SourceBadge kind="assumption" subject={`the size of the ${PARAMETER_LABELS[a.parameter].toLowerCase()} change`} rationale="The direction comes from the article; the size is Podplan’s assumption, for the delivery simulation to use." />
                    </td>
                    <td className="small">
                      <StatementText statement={a.reason} subject={`the ${PARAMETER_LABELS[a.parameter].toLowerCase()} change`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
    </div>
  );
}

interface QuestionProps {
  question: ReadinessQuestion;
  index: number;
  answers: ReadinessAnswers;
  pods: number;
  onSet(patch: ReadinessPatch, key?: string): void;
  onBlur(): void;
}

function Question({ question, index, answers, pods, onSet, onBlur }: QuestionProps) {
  const id = `readiness-${question.id}`;
  const badge = <SourceBadge kind="seed" subject={`question ${index + 1}`} source={question.source} quote={`${question.question} ${question.seedFollowUp}`} />;
  if (!question.options) {
    return (
      <div className="question">
        <label htmlFor={id} className="question-text">
          {index + 1}. {question.question} {badge}
        </label>
        <p className="follow-up">{question.seedFollowUp}</p>
        <div className="inline-form">
          <NumberField
            id={id}
            label="Leaders who could own a product"
            className="input input-compact input-tiny"
            nullable
            min={0}
            max={10_000}
            value={answers.ownerCandidates ?? null}
            placeholder="?"
            aria-describedby={`${id}-hint`}
            onValue={(v) => onSet({ ownerCandidates: v ?? undefined }, 'readiness:owners')}
            onBlur={onBlur}
          />
          <span id={`${id}-hint`} className="field-hint">
            leaders ready today (0 = no one) · this scenario has {plural(pods, 'pod')}
          </span>
        </div>
      </div>
    );
  }
  const key = question.id as Exclude<QuestionId, 'ownerCandidates'>;
  const value = answers[key];
  return (
    <fieldset className="question">
      <legend className="question-text">
        {index + 1}. {question.question} {badge}
      </legend>
      <p className="follow-up">{question.seedFollowUp}</p>
      <div className="radio-row">
        {question.options.map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onSet({ [key]: o.value } as ReadinessPatch)} />
            {o.label}
          </label>
        ))}
        <label className="radio muted">
          <input type="radio" name={id} value="" checked={value === undefined} onChange={() => onSet({ [key]: undefined } as ReadinessPatch)} />
          Not answered
        </label>
      </div>
    </fieldset>
  );
}

/**
 * Whose readiness answers the form shows: the organisation's (shared by every
 * scenario) or this scenario's override, with the switch between them (an
 * undoable scenario edit) and, for an override, how it differs from the
 * organisation's answers. Also says when the organisation's answers could not
 * be loaded or saved.
 */
import { readinessDifferences, answersOf } from '../../../sim/readiness/effective.ts';
import type { ReadinessAnswers } from '../../../sim/readiness/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { followOrganisation, overrideReadiness } from '../../../sim/edits/readiness.ts';
import { answerText, fieldLabel } from './model/readiness-labels.ts';
import { useEditor } from '../../stores/editor.ts';
import { useOrganisation } from '../../stores/organisation.ts';

const applyToScenario = (edit: (d: Scenario) => Scenario) => {
  const editor = useEditor.getState();
  editor.seal();
  editor.apply(edit);
};

export function ReadinessScope({ doc, organisation }: { doc: Scenario; organisation: ReadinessAnswers | null }) {
  const status = useOrganisation((s) => s.status);
  const loadError = useOrganisation((s) => s.loadError);
  const save = useOrganisation((s) => s.save);
  const saveError = useOrganisation((s) => s.saveError);
  const overrides = doc.readiness.scope === 'scenario';

  const problems = (
    <>
      {status === 'error' ? (
        <div className="banner banner-error compact" role="alert">
          <div>
            <strong>Your organisation’s answers could not be loaded.</strong> {loadError?.message} The answers this scenario carries are shown meanwhile.
          </div>
          <div className="banner-actions">
            <button type="button" className="btn btn-small" onClick={() => void useOrganisation.getState().load()}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {save === 'error' ? (
        <div className="banner banner-error compact" role="alert">
          <div>
            <strong>Your organisation’s answers were not saved.</strong> {saveError?.message}
          </div>
          <div className="banner-actions">
            <button type="button" className="btn btn-small" onClick={() => useOrganisation.getState().retrySave()}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
    </>
  );

  if (!overrides) {
    return (
      <>
        {problems}
        <div className="banner banner-organisation compact" role="region" aria-label="Whose answers">
          <div>
            <strong>Your organisation’s answers — shared by every scenario.</strong> A change here applies to all of them.{' '}
            <span className="muted small" data-organisation-save={save}>
              {save === 'saving' ? 'Saving…' : save === 'saved' ? 'Saved.' : ''}
            </span>
          </div>
          <div className="banner-actions">
            <button type="button" className="btn btn-small" onClick={() => applyToScenario((d) => overrideReadiness(d, organisation))}>
              Override for this scenario
            </button>
          </div>
        </div>
      </>
    );
  }

  const own = answersOf(doc.readiness);
  const differences = organisation ? readinessDifferences(own, organisation) : [];
  return (
    <>
      {problems}
      <div className="banner banner-warning compact" role="region" aria-label="Whose answers">
        <div>
          <strong>This scenario overrides your organisation’s answers.</strong> The answers below apply to this scenario only; every other scenario keeps the organisation’s.
          {organisation === null ? null : differences.length === 0 ? (
            <span> Same answers as the organisation’s so far.</span>
          ) : (
            <ul className="plain-list small" aria-label="How this scenario differs from the organisation">
              {differences.map((field) => (
                <li key={field}>
                  {fieldLabel(field)}: <strong>{answerText(field, own)}</strong> here, {answerText(field, organisation)} for the organisation
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="banner-actions">
          <button type="button" className="btn btn-small" onClick={() => applyToScenario(followOrganisation)}>
            Use the organisation’s answers
          </button>
        </div>
      </div>
    </>
  );
}

/**
 * First start: a short guide on the scenario list, from the samples to one's
 * own plan, until the user closes it (remembered in the workspace's settings,
 * so it stays closed in every window and after a restart).
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/api.ts';
import { useNavigation } from '../../stores/navigation.ts';

export const GUIDE_SETTING = 'gettingStartedDismissed';

export function GettingStarted({ sampleId }: { sampleId: string | null }) {
  const [state, setState] = useState<'loading' | 'shown' | 'dismissed'>('loading');
  const navigate = useNavigation((s) => s.navigate);
  useEffect(() => {
    let live = true;
    api()
      .getSetting(GUIDE_SETTING)
      .then((s) => live && setState(s.value === true ? 'dismissed' : 'shown'))
      // The guide is a help, not a gate: without the setting it just shows.
      .catch(() => live && setState('shown'));
    return () => {
      live = false;
    };
  }, []);
  if (state !== 'shown') return null;
  const dismiss = () => {
    setState('dismissed');
    void api().putSetting(GUIDE_SETTING, true).catch(() => undefined);
  };
  return (
    <section className="panel getting-started" aria-labelledby="getting-started-title">
      <div className="getting-started-head">
        <h2 id="getting-started-title" className="section-title">
          Getting started
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={dismiss}>
          Close the guide
        </button>
      </div>
      <ol className="getting-started-steps">
        <li>
          {sampleId ? (
            <a
              href={`#/scenario/${encodeURIComponent(sampleId)}/decision`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ view: 'editor', scenarioId: sampleId, section: 'decision' });
              }}
            >
              Open a sample’s Decision
            </a>
          ) : (
            'Open a scenario’s Decision tab'
          )}
          : what each org design costs, how fast it ships and what the figures recommend. Every figure opens the tab that computes it.
        </li>
        <li>
          <a
            href="#/compare//"
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'compare', a: null, b: null });
            }}
          >
            Compare
          </a>{' '}
          the two samples: a centralized AI team today, and three pilot pods with a platform team.
        </li>
        <li>Make it yours: Duplicate the sample closest to your organisation (or start a New scenario), then edit its teams, costs and GPU quotas. Everything autosaves; Ctrl+Z undoes.</li>
        <li>Answer the Readiness questions once: they belong to your organisation and every scenario uses them.</li>
        <li>
          Hand it on: the Decision tab writes a PDF, slides or HTML. Press <kbd>?</kbd> for the glossary and shortcuts.
        </li>
      </ol>
    </section>
  );
}

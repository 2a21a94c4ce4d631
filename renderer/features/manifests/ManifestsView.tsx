/**
 * Manifests (M12): the Kubernetes objects the stored scenario becomes, grouped
 * by kind in apply order, with the YAML of the selected one (or all of them),
 * copy and downloads (one YAML file, or a kustomize directory as a zip).
 * While the policy has errors, the errors are shown instead.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ManifestObjectPreview } from '../../../sim/api/contract.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { api } from '../../api/api.ts';
import { errorInfo } from '../../api/errors.ts';
import { indexIssues, type IssueIndex } from '../../model/cluster/issues.ts';
import { PolicyIssueList } from '../../ui/PolicyIssueList.tsx';
import { YamlView } from './YamlView.tsx';
import { useManifests } from './store.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';
import { useSave } from '../../stores/save.ts';
import { flushSave } from '../../stores/session.ts';
import { plural } from '../../model/text.ts';
import './manifests.css';

interface KindGroup {
  kind: string;
  objects: ManifestObjectPreview[];
}

function groupByKind(objects: readonly ManifestObjectPreview[]): KindGroup[] {
  const groups: KindGroup[] = [];
  for (const object of objects) {
    const last = groups.at(-1);
    if (last && last.kind === object.kind) last.objects.push(object);
    else groups.push({ kind: object.kind, objects: [object] });
  }
  return groups;
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall back to a selection copy (clipboard permission denied, or not a secure context).
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser did not allow copying; select the text and copy it by hand.');
}

/** Saves pending edits, then downloads from a same-origin URL (the cookie authenticates it). */
async function download(url: string, what: string): Promise<void> {
  if (!(await flushSave())) {
    useNotices.getState().push({ kind: 'error', title: `${what} not downloaded`, message: 'Your latest changes are not saved yet (see the status bar); resolve that first so the file has them.' });
    return;
  }
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.className = 'offscreen';
  document.body.append(link);
  link.click();
  link.remove();
}

export function ManifestsView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  const save = useSave((s) => s.save);
  const { data, status, error, selectedRef, revision, load, select } = useManifests();
  const listRef = useRef<HTMLDivElement>(null);

  const savedRevision = save?.status === 'saved' ? save.revision : null;
  useEffect(() => {
    if (savedRevision !== null) void load(doc.id, savedRevision);
  }, [doc.id, savedRevision, load]);

  const groups = useMemo(() => groupByKind(data?.objects ?? []), [data]);
  const serverIssues = useMemo(() => indexIssues(data?.issues ?? error?.policyIssues ?? []), [data, error]);
  const hasErrors = serverIssues.errors > 0 || (data === null && issues.errors > 0);
  const selected = data?.objects.find((o) => o.ref === selectedRef) ?? null;
  const shownYaml = selected ? selected.yaml : (data?.yaml ?? '');
  const pending = save !== null && save.status !== 'saved';
  const stale = data !== null && (pending || status === 'loading' || (savedRevision !== null && revision !== savedRevision));

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.object-item') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : event.key === 'ArrowDown' ? Math.min(buttons.length - 1, at + 1) : Math.max(0, at - 1);
    event.preventDefault();
    buttons[next]?.focus();
    buttons[next]?.click();
  };

  const statusLine = status === 'loading' && !data ? 'Generating manifests…' : pending ? 'Saving your changes, then refreshing…' : stale ? 'Refreshing…' : null;

  return (
    <div className="gpu-section manifests-section">
      <div className="section-header">
        <h2 className="section-title">
          Manifests{' '}
          <span className="muted small">
            {data && !hasErrors ? `${plural(data.objects.length, 'object')} · revision ${revision ?? '—'} · kueue.x-k8s.io/v1beta2 · label app.kubernetes.io/managed-by: podplan` : null}
          </span>
        </h2>
        <div className="toolbar">
          <span className="muted small" role="status" aria-live="polite">
            {statusLine}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={!data || hasErrors || !shownYaml}
            onClick={() => {
              copyText(shownYaml).then(
                () => useNotices.getState().push({ kind: 'success', title: 'Copied', message: selected ? `${selected.ref} is on the clipboard.` : `All ${data?.objects.length ?? 0} objects are on the clipboard.` }),
                (e: unknown) => notifyError('Could not copy', errorInfo(e)),
              );
            }}
          >
            Copy
          </button>
          <button type="button" className="btn btn-small" disabled={hasErrors} onClick={() => void download(api().manifestsYamlUrl(doc.id), 'YAML')}>
            Download YAML
          </button>
          <button type="button" className="btn btn-small" disabled={hasErrors} onClick={() => void download(api().manifestsZipUrl(doc.id), 'Kustomize directory')}>
            Download kustomize (.zip)
          </button>
        </div>
      </div>

      {error && error.code !== 'policy-invalid' ? (
        <div className="banner banner-error" role="alert">
          <div>
            <strong>Could not generate the manifests.</strong> {error.message}
          </div>
          <button type="button" className="btn btn-small" onClick={() => savedRevision !== null && void load(doc.id, savedRevision, { force: true })}>
            Try again
          </button>
        </div>
      ) : null}

      {serverIssues.warnings > 0 && !hasErrors ? (
        <PolicyIssueList issues={serverIssues} cluster={doc.cluster} scenarioId={doc.id} title="Generated, with warnings" />
      ) : null}
      {hasErrors ? (
        <PolicyIssueList
          issues={serverIssues.errors > 0 ? serverIssues : issues}
          cluster={doc.cluster}
          scenarioId={doc.id}
          title="No manifests while the policy has errors"
          max={12}
        />
      ) : data ? (
        data.objects.length === 0 ? (
          <p className="empty">The policy has no objects yet: add flavors and team queues under Quota policy.</p>
        ) : (
          <div className={`manifests-layout${stale ? ' is-stale' : ''}`}>
            <nav className="object-list" aria-label="Objects in apply order" ref={listRef} onKeyDown={onListKey}>
              <button type="button" className="object-item object-all" aria-current={selectedRef === null ? 'true' : undefined} onClick={() => select(null)}>
                All objects <span className="muted small">({data.objects.length})</span>
              </button>
              {groups.map((group, g) => (
                <div key={`${group.kind}-${g}`} className="object-group" role="group" aria-label={`${group.kind} (${group.objects.length})`}>
                  <h3 className="object-kind">
                    <span className="kind-step" aria-hidden="true">
                      {g + 1}
                    </span>
                    {group.kind} <span className="muted">({group.objects.length})</span>
                  </h3>
                  {group.objects.map((object) => (
                    <button
                      key={object.ref}
                      type="button"
                      className="object-item"
                      aria-current={object.ref === selectedRef ? 'true' : undefined}
                      aria-label={object.ref}
                      onClick={() => select(object.ref)}
                    >
                      <span className="object-name">{object.name}</span>
                      {object.namespace ? <span className="muted small object-ns">{object.namespace}</span> : null}
                    </button>
                  ))}
                </div>
              ))}
            </nav>
            <div className="yaml-pane">
              <div className="yaml-title">
                <strong>{selected ? selected.ref : 'All objects (multi-document YAML, as exported)'}</strong>
              </div>
              <YamlView yaml={shownYaml} label={selected ? `YAML of ${selected.ref}` : 'YAML of all objects'} />
            </div>
          </div>
        )
      ) : null}
    </div>
  );
}

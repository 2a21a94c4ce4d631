/**
 * The quota of a ClusterQueue (or a Cohort) per flavor × resource: nominal
 * quota, borrowing limit and lending limit, one resource group per table.
 * Flavors are listed in the order Kueue tries them. Each cell's problems are
 * shown in a row right under it.
 */
import { Fragment, useState } from 'react';
import { UNSET_LIMITS, RESOURCE_SUGGESTIONS } from '../../model/cluster/defaults.ts';
import { fieldAttrs, fieldMessageId, type IssueIndex } from '../../model/cluster/issues.ts';
import { quantityWarning, resourceUnit } from './model/quantity-hints.ts';
import {
  addCoveredResource,
  addQuotaFlavor,
  addResourceGroup,
  moveQuotaFlavor,
  removeCoveredResource,
  removeQuotaFlavor,
  removeResourceGroup,
  setQuota,
  type QuotaOwner,
} from '../../../sim/edits/policy.ts';
import type { QuotaField, ResourceGroup } from '../../../sim/cluster/schema.ts';
import { useEditor } from '../../stores/editor.ts';
import { FieldMessages } from '../../ui/FieldMessages.tsx';

export interface QuotaGridProps {
  owner: QuotaOwner;
  /** Name of the queue or cohort, for labels. */
  ownerName: string;
  groups: readonly ResourceGroup[];
  /** `cluster.queues[1]` or `cluster.cohorts[0]`. */
  basePath: string;
  issues: IssueIndex;
  flavorNames: readonly string[];
  hasCohort: boolean;
}

const FIELDS: ReadonlyArray<{ field: QuotaField; label: string }> = [
  { field: 'nominalQuota', label: 'nominal quota' },
  { field: 'borrowingLimit', label: 'borrowing limit' },
  { field: 'lendingLimit', label: 'lending limit' },
];

const ordinal = (n: number) => (n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`);

export function QuotaGrid({ owner, ownerName, groups, basePath, issues, flavorNames, hasCohort }: QuotaGridProps) {
  const apply = useEditor.getState().apply;
  const seal = () => useEditor.getState().seal();
  const key = owner.kind === 'queue' ? `queue:${owner.id}` : `cohort:${owner.index}`;

  return (
    <div className="quota-grid">
      {groups.length === 0 ? <p className="muted small">No quota: no workload can be admitted through this {owner.kind === 'queue' ? 'queue' : 'cohort'}.</p> : null}
      {groups.map((group, g) => (
        <QuotaGroup
          key={g}
          group={group}
          g={g}
          groupCount={groups.length}
          owner={owner}
          ownerName={ownerName}
          basePath={`${basePath}.resourceGroups[${g}]`}
          issues={issues}
          flavorNames={flavorNames}
          hasCohort={hasCohort}
          onSet={(at, field, value) => apply((d) => setQuota(d, owner, { group: g, ...at }, field, value), `${key}:${g}:${at.flavor}:${at.resource}:${field}`)}
          onBlur={seal}
        />
      ))}
      <FieldMessages path={`${basePath}.resourceGroups`} issues={issues} />
      <button type="button" className="btn btn-small btn-ghost" onClick={() => apply((d) => addResourceGroup(d, owner))} {...fieldAttrs(`${basePath}.resourceGroups`, issues)}>
        + Add resource group
      </button>
    </div>
  );
}

interface QuotaGroupProps {
  group: ResourceGroup;
  g: number;
  groupCount: number;
  owner: QuotaOwner;
  ownerName: string;
  basePath: string;
  issues: IssueIndex;
  flavorNames: readonly string[];
  hasCohort: boolean;
  onSet(at: { flavor: number; resource: number }, field: QuotaField, value: string): void;
  onBlur(): void;
}

function QuotaGroup({ group, g, groupCount, owner, ownerName, basePath, issues, flavorNames, hasCohort, onSet, onBlur }: QuotaGroupProps) {
  const apply = useEditor.getState().apply;
  const [newResource, setNewResource] = useState('');
  const unused = flavorNames.filter((name) => !group.flavors.some((f) => f.name === name));
  const [newFlavor, setNewFlavor] = useState('');
  const chosenFlavor = unused.includes(newFlavor) ? newFlavor : (unused[0] ?? '');
  const groupLabel = groupCount > 1 ? `resource group ${g + 1}` : 'quota';
  const columns = 5;

  return (
    <div className="quota-group" role="group" aria-label={`${ownerName} ${groupLabel}`}>
      <div className="quota-covers">
        <span className="field-label">Covers</span>
        {group.coveredResources.map((resource, r) => (
          <span key={resource} className="chip" {...fieldAttrs(`${basePath}.coveredResources[${r}]`, issues)} tabIndex={-1}>
            {resource}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Stop covering ${resource} in ${ownerName}`}
              title={`Remove ${resource} from this group (and its quotas)`}
              onClick={() => apply((d) => removeCoveredResource(d, owner, g, resource))}
            >
              ✕
            </button>
          </span>
        ))}
        <form
          className="inline-form quota-add-resource"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newResource.trim()) return;
            apply((d) => addCoveredResource(d, owner, g, newResource));
            setNewResource('');
          }}
        >
          <input
            className="input input-compact"
            data-native-undo
            aria-label={`Resource to cover in ${ownerName}`}
            placeholder="e.g. ephemeral-storage"
            list={`quota-resources-${basePath}`}
            value={newResource}
            onChange={(e) => setNewResource(e.target.value)}
          />
          <datalist id={`quota-resources-${basePath}`}>
            {RESOURCE_SUGGESTIONS.filter((r) => !group.coveredResources.includes(r)).map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <button type="submit" className="btn btn-small" disabled={!newResource.trim()}>
            Cover
          </button>
        </form>
        {groupCount > 1 ? (
          <button type="button" className="btn btn-small btn-ghost btn-danger-text" onClick={() => apply((d) => removeResourceGroup(d, owner, g))}>
            Remove group
          </button>
        ) : null}
      </div>
      {issues.at(`${basePath}.coveredResources`).length ? <FieldMessages path={`${basePath}.coveredResources`} issues={issues} /> : null}
      {group.coveredResources.map((resource, r) =>
        issues.at(`${basePath}.coveredResources[${r}]`).length ? <FieldMessages key={resource} path={`${basePath}.coveredResources[${r}]`} issues={issues} /> : null,
      )}

      <table className="table quota-table">
        <colgroup>
          <col className="col-flavor" />
          <col className="col-resource" />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Flavor</th>
            <th scope="col">Resource</th>
            <th scope="col">Nominal quota</th>
            <th scope="col" title={UNSET_LIMITS.borrowingLimit.help}>
              Borrowing limit
            </th>
            <th scope="col" title={UNSET_LIMITS.lendingLimit.help}>
              Lending limit
            </th>
          </tr>
        </thead>
        <tbody>
          {group.flavors.map((flavor, f) => {
            const fPath = `${basePath}.flavors[${f}]`;
            const rows = Math.max(1, flavor.resources.length);
            const flavorIssues = [...issues.at(`${fPath}.name`), ...issues.at(`${fPath}.resources`)];
            return (
              <Fragment key={`${flavor.name}-${f}`}>
                {flavor.resources.length === 0 ? (
                  <tr>
                    <th scope="row">{flavor.name}</th>
                    <td colSpan={columns - 1} className="muted small">
                      No resources
                    </td>
                  </tr>
                ) : null}
                {flavor.resources.map((entry, r) => {
                  const rPath = `${fPath}.resources[${r}]`;
                  const cellIssues = FIELDS.flatMap(({ field }) => issues.at(`${rPath}.${field}`).map(() => field));
                  return (
                    <Fragment key={`${entry.name}-${r}`}>
                      <tr className={r === flavor.resources.length - 1 && !flavorIssues.length ? 'quota-flavor-end' : undefined}>
                        {r === 0 ? (
                          <th scope="rowgroup" rowSpan={rows + flavor.resources.filter((_, i) => FIELDS.some(({ field }) => issues.at(`${fPath}.resources[${i}].${field}`).length)).length} className="quota-flavor">
                            <span className="quota-flavor-name" {...fieldAttrs(`${fPath}.name`, issues)} tabIndex={-1}>
                              {flavor.name || '(unnamed)'}
                            </span>
                            <span className="muted small">{ordinal(f + 1)} choice</span>
                            <span className="quota-actions">
                              <button
                                type="button"
                                className="btn btn-icon btn-ghost"
                                aria-label={`Try ${flavor.name} earlier`}
                                title="Try earlier"
                                disabled={f === 0}
                                onClick={() => apply((d) => moveQuotaFlavor(d, owner, g, f, -1))}
                              >
                                ↑
                              </button>
                              <button
                                type="button"
                                className="btn btn-icon btn-ghost"
                                aria-label={`Try ${flavor.name} later`}
                                title="Try later"
                                disabled={f === group.flavors.length - 1}
                                onClick={() => apply((d) => moveQuotaFlavor(d, owner, g, f, 1))}
                              >
                                ↓
                              </button>
                              <button
                                type="button"
                                className="btn btn-icon btn-ghost"
                                aria-label={`Remove flavor ${flavor.name} from ${ownerName}`}
                                title="Remove flavor"
                                onClick={() => apply((d) => removeQuotaFlavor(d, owner, g, f))}
                              >
                                ✕
                              </button>
                            </span>
                          </th>
                        ) : null}
                        <td className="quota-resource">
                          {entry.name}
                          {resourceUnit(entry.name) ? <span className="quota-unit muted small">{resourceUnit(entry.name)}</span> : null}
                        </td>
                        {FIELDS.map(({ field, label }) => {
                          const path = `${rPath}.${field}`;
                          const unset = field !== 'nominalQuota' ? UNSET_LIMITS[field] : null;
                          const attrs = fieldAttrs(path, issues);
                          // Valid but probably not meant (memory in bytes): kept as typed, said next to it.
                          const hint = quantityWarning(entry.name, entry[field]);
                          const hintId = `${fieldMessageId(path)}-hint`;
                          const describedBy = [attrs['aria-describedby'] ? fieldMessageId(path) : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
                          return (
                            <td key={field}>
                              <input
                                className="input input-compact quota-input"
                                aria-label={`${flavor.name} ${entry.name} ${label}`}
                                value={entry[field] ?? ''}
                                placeholder={unset ? (field === 'borrowingLimit' && !hasCohort ? 'no cohort' : unset.placeholder) : undefined}
                                title={unset?.help}
                                {...attrs}
                                data-severity={attrs['data-severity'] ?? (hint ? 'warning' : undefined)}
                                aria-describedby={describedBy}
                                onChange={(e) => onSet({ flavor: f, resource: r }, field, e.target.value)}
                                onBlur={onBlur}
                              />
                              {hint ? (
                                <span id={hintId} className="number-field-note field-warning">
                                  {hint}
                                </span>
                              ) : null}
                            </td>
                          );
                        })}
                      </tr>
                      {cellIssues.length ? (
                        <tr className="quota-issue-row">
                          <td colSpan={columns - 1}>
                            {FIELDS.map(({ field }) => (
                              <FieldMessages key={field} path={`${rPath}.${field}`} issues={issues} />
                            ))}
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
                {flavorIssues.length ? (
                  <tr className="quota-issue-row quota-flavor-end">
                    <td colSpan={columns}>
                      <FieldMessages path={`${fPath}.name`} issues={issues} />
                      <FieldMessages path={`${fPath}.resources`} issues={issues} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <FieldMessages path={`${basePath}.flavors`} issues={issues} />
      <div className="quota-add-flavor">
        {unused.length > 0 ? (
          <>
            <select
              className="input input-compact"
              aria-label={`Flavor to add to ${ownerName}`}
              value={chosenFlavor}
              onChange={(e) => setNewFlavor(e.target.value)}
              {...fieldAttrs(`${basePath}.flavors`, issues)}
            >
              {unused.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" onClick={() => chosenFlavor && apply((d) => addQuotaFlavor(d, owner, g, chosenFlavor))}>
              + Add flavor
            </button>
          </>
        ) : (
          <span className="muted small">Every defined flavor is in this group.</span>
        )}
      </div>
    </div>
  );
}

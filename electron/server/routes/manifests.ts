/**
 * Manifests (M12) from a stored scenario's quota policy: a preview (each
 * object's YAML and the whole multi-document file), and two downloads, one
 * YAML file or a kustomize directory as a zip. Nothing is generated while
 * `validatePolicy` reports errors: the preview lists them, the downloads
 * answer 422 `policy-invalid` with the issues.
 */
import type { ManifestObjectPreview, PolicyIssue } from '../../../sim/api/contract.ts';
import type { ScenarioStore } from '../../../data/store/types.ts';
import { createZip } from '../../../sim/formats/zip.ts';
import { kueueVersionLabel, type KueueVersion } from '../../../sim/cluster/kueue-versions.ts';
import { hasErrors, validatePolicy } from '../../../sim/cluster/validate.ts';
import {
  generateManifests,
  kueueConfiguration,
  objectRef,
  objectToYaml,
  renderKustomizeDirectory,
  renderMultiDocumentYaml,
  type KueueConfigurationFragment,
  type ManifestObject,
} from '../../../sim/manifests/index.ts';
import { HttpError } from '../errors.ts';
import { RawResponse, type RouteTable } from '../router.ts';
import { scenarioSlug } from '../../../sim/scenario/index.ts';

export interface ScenarioManifests {
  /** The scenario's id: the `podplan.io/scenario` label of every object. */
  scenarioId: string;
  name: string;
  issues: PolicyIssue[];
  objects: ManifestObject[];
  /** The Kueue version the objects are for (the scenario's target). */
  kueueVersion: KueueVersion;
  /** Kueue Configuration fields the policy needs (admission fair sharing), shown beside the objects; null when none. */
  kueueConfiguration: KueueConfigurationFragment | null;
}

/** Reads the scenario and generates its objects; `objects` is empty when the policy has errors. */
export function scenarioManifests(store: ScenarioStore, id: string): ScenarioManifests {
  const { scenario } = store.getScenario(id);
  const issues = validatePolicy(scenario.cluster);
  const objects = hasErrors(issues) ? [] : generateManifests(scenario.id, scenario.cluster);
  return {
    scenarioId: scenario.id,
    name: scenario.name,
    issues,
    objects,
    kueueVersion: scenario.cluster.kueueVersion,
    kueueConfiguration: hasErrors(issues) ? null : kueueConfiguration(scenario.cluster),
  };
}

/** "… has 2 errors: cluster.queues[0].namespace: …; …" naming the first few fields. */
export function policyErrorMessage(issues: readonly PolicyIssue[], doing: string): string {
  const errors = issues.filter((i) => i.severity === 'error');
  const listed = errors
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  return `The quota policy has ${errors.length} error${errors.length === 1 ? '' : 's'}, so ${doing}: ${listed}${more}.`;
}

/** Like `scenarioManifests`, but a policy with errors is a 422 `policy-invalid` naming the fields. */
export function validManifests(store: ScenarioStore, id: string, doing = 'no manifests were generated'): ScenarioManifests {
  const result = scenarioManifests(store, id);
  if (hasErrors(result.issues)) {
    throw new HttpError(422, 'policy-invalid', policyErrorMessage(result.issues, doing), { policyIssues: result.issues });
  }
  return result;
}

const download = (fileName: string, contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Disposition': `attachment; filename="${fileName}"`,
  'Cache-Control': 'no-store',
});

export const manifestRoutes: Pick<
  RouteTable,
  'GET /api/scenarios/:id/manifests' | 'GET /api/scenarios/:id/manifests.yaml' | 'GET /api/scenarios/:id/manifests.zip'
> = {
  'GET /api/scenarios/:id/manifests': {
    handle: ({ params, store }) => {
      const { issues, objects, kueueVersion, kueueConfiguration: config } = scenarioManifests(store, params.id);
      const previews: ManifestObjectPreview[] = objects.map((object) => ({
        ref: objectRef(object),
        kind: object.kind,
        name: object.metadata.name,
        namespace: object.metadata.namespace ?? null,
        yaml: objectToYaml(object),
      }));
      return { issues, objects: previews, yaml: objects.length > 0 ? renderMultiDocumentYaml(objects, config, kueueVersionLabel(kueueVersion)) : '' };
    },
  },
  'GET /api/scenarios/:id/manifests.yaml': {
    handle: ({ params, store }) => {
      const { name, objects, kueueVersion, kueueConfiguration: config } = validManifests(store, params.id, 'nothing was exported');
      return new RawResponse(renderMultiDocumentYaml(objects, config, kueueVersionLabel(kueueVersion)), download(`${scenarioSlug(name)}.yaml`, 'application/yaml; charset=utf-8'));
    },
  },
  'GET /api/scenarios/:id/manifests.zip': {
    handle: ({ params, store }) => {
      const { name, objects, kueueConfiguration: config } = validManifests(store, params.id, 'nothing was exported');
      const slug = scenarioSlug(name);
      // One top folder, so unzipping gives a directory named after the scenario.
      const entries = [...renderKustomizeDirectory(objects, config)].map(([path, data]) => ({ path: `${slug}/${path}`, data }));
      return new RawResponse(createZip(entries), download(`${slug}.zip`, 'application/zip'));
    },
  },
};

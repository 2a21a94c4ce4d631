/**
 * Which Kueue a connected cluster runs, to offer as the scenario's target
 * (M13). Two sources, read-only: the Kueue CRDs (the versions they serve,
 * and fields only newer releases have), and, where the user may read it,
 * the image tag of the kueue-controller-manager Deployment in kueue-system
 * (Kueue's default install). A 403 or a missing Kueue is said plainly; no
 * guess is presented as a reading.
 */
import type { KueueDetection } from '../../sim/api/cluster.ts';
import { matchKueueRelease, NEWEST_KUEUE_VERSION, type KueueVersion } from '../../sim/cluster/kueue-versions.ts';
import { KUEUE_API_VERSION } from '../../sim/manifests/objects.ts';
import type { KubeObject } from './kube-client.ts';
import type { ClusterConnection } from './connection.ts';
import { ClusterError } from './errors.ts';

export const KUEUE_MANAGER_NAMESPACE = 'kueue-system';
export const KUEUE_MANAGER_DEPLOYMENT = 'kueue-controller-manager';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

interface CrdObject extends KubeObject {
  spec?: { versions?: Array<{ name: string; served?: boolean; storage?: boolean; schema?: { openAPIV3Schema?: SchemaNode } }> };
}

interface DeploymentObject extends KubeObject {
  spec?: { template?: { spec?: { containers?: Array<{ name?: string; image?: string }> } } };
}

export type { KueueDetection } from '../../sim/api/cluster.ts';

const NOT_FOUND = 404;
const FORBIDDEN = 403;

function statusOf(error: unknown): number | undefined {
  return error instanceof ClusterError ? error.status : undefined;
}

/** The image tag of the manager container: "registry.k8s.io/kueue/kueue:v0.19.4" → "v0.19.4" (a digest alone gives null). */
export function releaseFromImage(image: string): string | null {
  const withoutDigest = image.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon < 0 || colon < withoutDigest.lastIndexOf('/')) return null;
  const tag = withoutDigest.slice(colon + 1);
  return matchKueueRelease(tag) ? tag : null;
}

/** Fields of the served v1beta2 ClusterQueue spec that only newer releases have, newest first. */
function crdsAtLeast(crd: CrdObject): string | null {
  const v1beta2 = crd.spec?.versions?.find((v) => v.name === 'v1beta2');
  const spec = v1beta2?.schema?.openAPIV3Schema?.properties?.spec?.properties ?? {};
  // Added in 0.18 (absent from 0.17.1's CRD, present in 0.19.2's).
  if ('concurrentAdmissionPolicy' in spec) return '0.18';
  return null;
}

export async function detectKueueVersion(connection: ClusterConnection): Promise<KueueDetection> {
  const notes: string[] = [];
  const group = KUEUE_API_VERSION.split('/')[0]!;
  let crd: CrdObject | null = null;
  try {
    crd = await connection.call('reading the ClusterQueue CRD', () =>
      connection.objects.get<CrdObject>('apiextensions.k8s.io/v1', 'CustomResourceDefinition', `clusterqueues.${group}`),
    );
  } catch (error) {
    const status = statusOf(error);
    if (status === NOT_FOUND) {
      notes.push(`Kueue is not installed: the cluster has no ClusterQueue CRD (clusterqueues.${group}).`);
      return { installed: false, served: [], managerRelease: null, crdsAtLeast: null, target: null, notes };
    }
    if (status !== FORBIDDEN) throw error;
    notes.push(`Not permitted to read CustomResourceDefinitions (403), so Kueue's CRDs could not be checked.`);
  }
  const served = (crd?.spec?.versions ?? []).filter((v) => v.served).map((v) => v.name);
  const atLeast = crd ? crdsAtLeast(crd) : null;
  if (crd) notes.push(`Kueue's CRDs serve ${served.join(', ') || 'no version'}${atLeast ? `, with fields of Kueue ${atLeast} or newer` : ''}.`);

  let managerRelease: string | null = null;
  try {
    const deployment = await connection.call(`reading Deployment ${KUEUE_MANAGER_NAMESPACE}/${KUEUE_MANAGER_DEPLOYMENT}`, () =>
      connection.objects.get<DeploymentObject>('apps/v1', 'Deployment', KUEUE_MANAGER_DEPLOYMENT, KUEUE_MANAGER_NAMESPACE),
    );
    const containers = deployment.spec?.template?.spec?.containers ?? [];
    const manager = containers.find((c) => c.name === 'manager') ?? containers[0];
    managerRelease = manager?.image ? releaseFromImage(manager.image) : null;
    notes.push(
      managerRelease
        ? `The Kueue manager runs ${managerRelease} (image of Deployment ${KUEUE_MANAGER_NAMESPACE}/${KUEUE_MANAGER_DEPLOYMENT}).`
        : `The image of Deployment ${KUEUE_MANAGER_NAMESPACE}/${KUEUE_MANAGER_DEPLOYMENT} has no version tag (${manager?.image ?? 'no container'}).`,
    );
  } catch (error) {
    const status = statusOf(error);
    if (status === FORBIDDEN) notes.push(`Not permitted to read Deployment ${KUEUE_MANAGER_NAMESPACE}/${KUEUE_MANAGER_DEPLOYMENT} (403), so the manager's version is unknown.`);
    else if (status === NOT_FOUND) notes.push(`No Deployment ${KUEUE_MANAGER_NAMESPACE}/${KUEUE_MANAGER_DEPLOYMENT} (Kueue installed elsewhere or under another name), so the manager's version is unknown.`);
    else throw error;
  }

  let target: KueueVersion | null = null;
  const fromManager = managerRelease ? matchKueueRelease(managerRelease) : null;
  if (fromManager) {
    target = fromManager.target;
    notes.push(fromManager.message);
  } else if (crd && atLeast) {
    // 0.18's and 0.19's CRDs differ in no spec field Podplan can see: the newest target is the likelier, and said to be a guess.
    target = NEWEST_KUEUE_VERSION;
    notes.push(`Without the manager's version, Kueue ${NEWEST_KUEUE_VERSION} is assumed from the CRDs (Kueue 0.18 has the same fields): check it.`);
  } else if (crd) {
    target = '0.16';
    notes.push('Without the manager\'s version, the CRDs show no field newer than Kueue 0.17: Kueue 0.16 is assumed (its fields are served by 0.16 and 0.17).');
  }
  const installed = crd !== null || managerRelease !== null ? true : null;
  return { installed, served, managerRelease, crdsAtLeast: atLeast, target, notes };
}

/**
 * Comparing what podplan wants with what the cluster has: field-level
 * differences (quantity-aware, so "1Gi" equals "1024Mi"), with the fields
 * the server owns (status, managedFields, resourceVersion, …) left out.
 */
import type { KubeObject } from './kube-client.ts';
import { isQuantity, parseQuantity } from '../../sim/k8s/quantity.ts';
import { FIELD_MANAGER } from '../../sim/manifests/objects.ts';
import type { Json, FieldChange } from '../../sim/api/cluster.ts';
export type { FieldChange } from '../../sim/api/cluster.ts';

const SERVER_METADATA = new Set([
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);
const SERVER_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** The object without what the server alone writes. */
export function withoutServerFields(object: KubeObject): Record<string, Json> {
  const copy = structuredClone(object) as unknown as Record<string, Json>;
  delete copy.status;
  const metadata = copy.metadata as Record<string, Json> | undefined;
  if (metadata) {
    for (const key of SERVER_METADATA) delete metadata[key];
    const annotations = metadata.annotations as Record<string, Json> | undefined;
    if (annotations) {
      for (const key of SERVER_ANNOTATIONS) delete annotations[key];
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
    }
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal as Kubernetes means it: quantities by value, numbers and numeric strings alike ("8" = 8). */
export function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')) {
    const sa = String(a);
    const sb = String(b);
    if (isQuantity(sa) && isQuantity(sb)) return Math.abs(parseQuantity(sa) - parseQuantity(sb)) < 1e-9;
    return sa === sb;
  }
  return false;
}

/** Every leaf that differs between two documents. */
export function fieldChanges(before: Json | undefined, after: Json | undefined, path = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], `${path}.${key}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...fieldChanges(before[i], after[i], `${path}[${i}]`));
    return changes;
  }
  return sameValue(before, after) ? [] : [{ path: path || '.', before, after }];
}

/**
 * True when the live object already has every field of the desired one, and
 * podplan owns no field there that the desired object dropped (server-side
 * apply would remove it). Lets a re-apply skip unchanged objects without a
 * request per object.
 */
export function liveSatisfies(desiredObject: object, live: KubeObject): boolean {
  const desired = desiredObject as Json;
  if (!contains(desired, live as unknown as Json)) return false;
  const entry = live.metadata?.managedFields?.find((m) => m.manager === FIELD_MANAGER && m.operation === 'Apply');
  if (!entry) return false;
  return ownedFieldsPresent(entry.fieldsV1 as Json | undefined, desired);
}

/** The API server omits zero values (`globalDefault: false`, empty strings, lists and maps) from what it returns. */
function isZeroValue(value: Json | undefined): boolean {
  return value === false || value === '' || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

function contains(desired: Json | undefined, live: Json | undefined): boolean {
  if (live === undefined && isZeroValue(desired)) return true;
  if (isPlainObject(desired)) {
    if (!isPlainObject(live)) return false;
    return Object.entries(desired).every(([key, value]) => contains(value, live[key]));
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) return false;
    return desired.every((value, i) => contains(value, live[i]));
  }
  return sameValue(desired, live);
}

/** Walks managedFields' fieldsV1 (`{"f:spec":{"f:hard":{"f:pods":{}}}}`): every owned named field must still be desired. */
function ownedFieldsPresent(fields: Json | undefined, desired: Json | undefined): boolean {
  if (!isPlainObject(fields)) return true;
  for (const [key, child] of Object.entries(fields)) {
    if (key === '.') continue;
    if (!key.startsWith('f:')) continue; // list elements (k:, v:, i:) are compared whole by contains()
    const name = key.slice(2);
    if (!isPlainObject(desired) || !(name in desired)) return false;
    const next = desired[name];
    if (isPlainObject(next) && !ownedFieldsPresent(child, next)) return false;
  }
  return true;
}

/**
 * Quotas as integers in the units Kueue computes with: millicores for `cpu`,
 * whole units (bytes, GPUs, pods) for everything else, rounded up as
 * Kubernetes' `Quantity.Value()` does. Integer arithmetic keeps admission
 * decisions exact.
 */
import { parseQuantity } from '../k8s/quantity.ts';

export function resourceValue(resource: string, quantity: string): number {
  const parsed = parseQuantity(quantity);
  return resource === 'cpu' ? Math.ceil(parsed * 1000 - 1e-9) : Math.ceil(parsed - 1e-9);
}

/** Back to user-facing units (cores for cpu) for display. */
export function displayValue(resource: string, value: number): number {
  return resource === 'cpu' ? value / 1000 : value;
}

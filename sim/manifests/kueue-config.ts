/**
 * The part of Kueue's own Configuration a policy needs: admission fair
 * sharing and fair sharing are cluster-wide Kueue settings, not objects
 * podplan applies. Kueue reads them from the `controller_manager_config.yaml`
 * key of the ConfigMap `kueue-manager-config` (namespace `kueue-system`, or
 * the Helm chart's `managerConfig.controllerManagerConfigYaml`) at start, so
 * the export shows the fields to merge there and the controller must restart.
 * `config.kueue.x-k8s.io/v1beta2` is the Configuration API of Kueue 0.16 to
 * 0.19; the fields below are the same in all of them.
 */
import { stringify } from 'yaml';
import type { Cluster } from '../cluster/schema.ts';

export const KUEUE_CONFIG_API_VERSION = 'config.kueue.x-k8s.io/v1beta2';

export interface KueueConfigurationFragment {
  apiVersion: string;
  kind: 'Configuration';
  fairSharing?: { preemptionStrategies: string[] };
  admissionFairSharing?: { usageHalfLifeTime: string; usageSamplingInterval: string; resourceWeights?: Record<string, number> };
}

/** The Configuration fields the policy relies on, or null when it needs none (Kueue's defaults). */
export function kueueConfiguration(cluster: Cluster): KueueConfigurationFragment | null {
  const afs = cluster.admissionFairSharing;
  // Only admission fair sharing brings the fragment: plain fair sharing kept no export before, and its flag alone changes no file.
  if (!afs) return null;
  const weights = Object.keys(afs.resourceWeights).sort();
  return {
    apiVersion: KUEUE_CONFIG_API_VERSION,
    kind: 'Configuration',
    // Fair sharing is on when the block is present; these are Kueue's default strategies, the ones the simulator uses.
    ...(cluster.fairSharing ? { fairSharing: { preemptionStrategies: ['LessThanOrEqualToFinalShare', 'LessThanInitialShare'] } } : {}),
    admissionFairSharing: {
      usageHalfLifeTime: afs.usageHalfLifeTime,
      usageSamplingInterval: afs.usageSamplingInterval,
      ...(weights.length ? { resourceWeights: Object.fromEntries(weights.map((r) => [r, afs.resourceWeights[r]!])) } : {}),
    },
  };
}

export const KUEUE_CONFIGURATION_HELP = [
  'Kueue Configuration this policy needs (not applied by podplan): merge these fields into the',
  'controller_manager_config.yaml key of ConfigMap kueue-manager-config in namespace kueue-system',
  '(Helm: managerConfig.controllerManagerConfigYaml), then restart the kueue-controller-manager.',
];

/** The fragment as YAML, with where it goes. */
export function renderKueueConfiguration(fragment: KueueConfigurationFragment): string {
  return `${KUEUE_CONFIGURATION_HELP.map((line) => `# ${line}`).join('\n')}\n${stringify(fragment, { lineWidth: 0, indent: 2 })}`;
}

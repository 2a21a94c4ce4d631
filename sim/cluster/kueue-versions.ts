/**
 * The Kueue versions a scenario can target (M9/M12/M13), and what differs
 * between them that a planner must know: which fields and features each
 * has, and which of Kueue's configuration defaults change what the
 * simulator does. Export, validation and simulation read the target from
 * here; nothing else hard-codes a Kueue version.
 *
 * Sources, checked against the code rather than recalled:
 * - the CRDs of v0.16.2, v0.17.1 and v0.19.2 (sigs.k8s.io/kueue,
 *   config/components/crd/bases), diffed field by field: every kind serves
 *   v1beta1 and v1beta2 and stores v1beta2 in all three; the one spec field
 *   added since 0.16 is ClusterQueue.spec.concurrentAdmissionPolicy (absent
 *   in 0.17.1, present in 0.19.2; CHANGELOG-0.18 introduces it);
 * - Kueue's CHANGELOG-0.17/0.18/0.19 and pkg/features/kube_features.go and
 *   apis/config/v1beta2/defaults.go of v0.19.2 (feature stages, defaults).
 *
 * It lives in sim/cluster (not sim/kueue) because the policy's schema and
 * its validation, one layer below, need it.
 */

/** Supported targets, oldest first: Kueue minor versions (behaviour is per minor; patches fix bugs). */
export const KUEUE_VERSIONS = ['0.16', '0.19'] as const;
export type KueueVersion = (typeof KUEUE_VERSIONS)[number];

/** What a new scenario targets: the newest Podplan supports. */
export const NEWEST_KUEUE_VERSION: KueueVersion = '0.19';

/**
 * What a scenario saved before it named a target (schema version 8 or
 * older) was made for: Podplan exported and simulated Kueue 0.16.2 then.
 * The migration keeps it there, so opening an old plan changes neither its
 * manifests nor its simulated results; the user moves it to 0.19 knowingly.
 */
export const LEGACY_KUEUE_VERSION: KueueVersion = '0.16';

export interface KueueVersionInfo {
  version: KueueVersion;
  /** The release whose CRDs the cluster tests install (test/cluster/versions.env). */
  testedRelease: string;
  /** The API group version Podplan writes; served (and stored) by this release for every kind it exports. */
  apiVersion: string;
  /** Kueue's configuration defaults that change what the simulator does. */
  defaults: {
    /** waitForPodsReady enabled when the configuration does not mention it (0.19: on, with the 30 min timeout the simulator also defaults to). */
    waitForPodsReady: boolean;
    /**
     * TAS: a workload whose topology placement an earlier admission of the
     * same cycle took gets a new placement in that cycle
     * (TASRecomputeAssignmentWithinSchedulingCycle, beta and on in 0.19; the
     * gate does not exist in 0.16, where the workload waits for the next cycle).
     */
    tasRecomputeWithinCycle: boolean;
  };
  /**
   * How a Workload that cannot get quota says why, in its QuotaReserved
   * condition: 0.16 uses reason "Pending" with a message; 0.19 has named
   * reasons (WaitingForQuota, ExceedsMaxQuota, ...) — reported there when
   * the UnadmittedWorkloadsObservability feature gate (beta, off by default)
   * is on, and the words of its events and metrics.
   */
  pendingReasons: 'Pending' | 'named';
}

const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta2';

const INFO: Record<KueueVersion, KueueVersionInfo> = {
  '0.16': {
    version: '0.16',
    testedRelease: 'v0.16.2',
    apiVersion: KUEUE_API_VERSION,
    defaults: { waitForPodsReady: false, tasRecomputeWithinCycle: false },
    pendingReasons: 'Pending',
  },
  '0.19': {
    version: '0.19',
    testedRelease: 'v0.19.2',
    apiVersion: KUEUE_API_VERSION,
    // CHANGELOG-0.19: "WaitForPodsReady is now enabled by default ... (30 minute timeout, 30 minute recovery timeout)" (#11855).
    defaults: { waitForPodsReady: true, tasRecomputeWithinCycle: true },
    pendingReasons: 'named',
  },
};

export function kueueVersionInfo(version: KueueVersion): KueueVersionInfo {
  return INFO[version];
}

/** "Kueue 0.19 (tested with v0.19.2)": how the target is named in the UI, the CLI and exports. */
export function kueueVersionLabel(version: KueueVersion): string {
  return `Kueue ${version} (tested with ${INFO[version].testedRelease})`;
}

export function isKueueVersion(value: unknown): value is KueueVersion {
  return typeof value === 'string' && (KUEUE_VERSIONS as readonly string[]).includes(value);
}

/**
 * The target of a policy as the simulator reads it. A policy object that
 * names none predates the field (raw JSON of an older file handed over
 * without parsing): it was made for LEGACY_KUEUE_VERSION, as the migration says.
 */
export function kueueTargetOf(cluster: { kueueVersion?: unknown }): KueueVersion {
  return isKueueVersion(cluster.kueueVersion) ? cluster.kueueVersion : LEGACY_KUEUE_VERSION;
}

/** Minor-version order: negative when a is older than b. */
export function compareKueueMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am !== bm ? am - bm : an - bn;
}

export type KueueFeatureId =
  | 'concurrentAdmissionPolicy'
  | 'hierarchicalCohorts'
  | 'lendingLimit'
  | 'admissionFairSharing'
  | 'topologyAwareScheduling'
  | 'multiLayerTopology'
  | 'quotaCheckStrategy'
  | 'waitForPodsReadyByDefault'
  | 'namedPendingReasons';

export interface KueueFeature {
  id: KueueFeatureId;
  /** In Kueue's words: the field or setting. */
  title: string;
  /** First minor version in which Podplan may use it (null: in every supported version). */
  introduced: string | null;
  /** First minor version without it, if Kueue removed it. */
  removed: string | null;
  /** Its maturity where it changed, oldest first, e.g. [['0.14', 'beta']]. */
  stages: ReadonlyArray<readonly [version: string, stage: string]>;
  /** What Podplan does with it, and where Kueue says so. */
  note: string;
}

export const KUEUE_FEATURES: readonly KueueFeature[] = [
  {
    id: 'concurrentAdmissionPolicy',
    title: 'ClusterQueue.spec.concurrentAdmissionPolicy',
    introduced: '0.18',
    removed: null,
    stages: [['0.18', 'alpha (ConcurrentAdmission feature gate, off by default)']],
    note: 'Exported only; the simulator does not model migration between flavors. CHANGELOG-0.18 #10610.',
  },
  {
    id: 'hierarchicalCohorts',
    title: 'Cohort.spec.parentName (hierarchical cohorts)',
    introduced: null,
    removed: null,
    stages: [['0.17', 'GA']],
    note: 'Beta in 0.16. CHANGELOG-0.17 #9618.',
  },
  {
    id: 'lendingLimit',
    title: 'resourceGroups[].flavors[].resources[].lendingLimit',
    introduced: null,
    removed: null,
    stages: [['0.17', 'GA']],
    note: 'Beta in 0.16. CHANGELOG-0.17 #9258.',
  },
  {
    id: 'admissionFairSharing',
    title: 'Admission fair sharing (ClusterQueue.spec.admissionScope)',
    introduced: null,
    removed: null,
    stages: [['0.15', 'beta']],
    note: 'CHANGELOG-0.15 #7463.',
  },
  {
    id: 'topologyAwareScheduling',
    title: 'Topology-aware scheduling (Topology, ResourceFlavor.spec.topologyName)',
    introduced: null,
    removed: null,
    stages: [['0.14', 'beta']],
    note: 'CHANGELOG-0.14 #6830.',
  },
  {
    id: 'multiLayerTopology',
    title: 'Multi-layer slice topology constraints (TASMultiLayerTopology)',
    introduced: '0.19',
    removed: null,
    stages: [['0.19', 'beta, on by default']],
    note: 'Alpha (feature gate off) before 0.19. CHANGELOG-0.19 #12290.',
  },
  {
    id: 'quotaCheckStrategy',
    title: 'Configuration resources.quotaCheckStrategy',
    introduced: '0.19',
    removed: null,
    stages: [
      ['0.18', 'alpha'],
      ['0.19', 'beta, on by default'],
    ],
    note: 'A Kueue configuration setting; unset means BlockUndeclared, the behaviour of 0.16, which the simulator follows. CHANGELOG-0.19 #13075.',
  },
  {
    id: 'waitForPodsReadyByDefault',
    title: 'waitForPodsReady enabled by default',
    introduced: '0.19',
    removed: null,
    stages: [['0.19', 'default on (DisableWaitForPodsReady feature gate turns it off)']],
    note: 'The simulator evicts admitted workloads whose pods do not all run within 30 min unless the run turns it off. CHANGELOG-0.19 #11855.',
  },
  {
    id: 'namedPendingReasons',
    title: 'QuotaReserved reasons WaitingForQuota, ExceedsMaxQuota, NoMatchingFlavor, TopologyPlacementFailed, ...',
    introduced: '0.19',
    removed: null,
    stages: [['0.19', 'beta (UnadmittedWorkloadsObservability feature gate, off by default)']],
    note: 'Podplan names pending reasons this way for a 0.19 target. CHANGELOG-0.19 #12452, #13022.',
  },
];

const FEATURES = new Map(KUEUE_FEATURES.map((f) => [f.id, f]));

export function kueueFeature(id: KueueFeatureId): KueueFeature {
  return FEATURES.get(id)!;
}

/** Whether the target has the feature (introduced at or before it, not removed by it). */
export function hasKueueFeature(version: KueueVersion, id: KueueFeatureId): boolean {
  const feature = kueueFeature(id);
  if (feature.introduced !== null && compareKueueMinor(version, feature.introduced) < 0) return false;
  return feature.removed === null || compareKueueMinor(version, feature.removed) < 0;
}

/**
 * Why the target lacks the feature, naming the version that brought it (or
 * removed it); null when the target has it. What validation reports.
 */
export function missingFeatureMessage(version: KueueVersion, id: KueueFeatureId): string | null {
  if (hasKueueFeature(version, id)) return null;
  const feature = kueueFeature(id);
  if (feature.introduced !== null && compareKueueMinor(version, feature.introduced) < 0) {
    return `${feature.title} needs Kueue ${feature.introduced} or newer; this scenario targets Kueue ${version}. Target a newer Kueue version or remove it.`;
  }
  return `${feature.title} was removed in Kueue ${feature.removed}; this scenario targets Kueue ${version}.`;
}

/** What targeting the version means, in sentences for the UI and the CLI. */
export function kueueTargetNotes(version: KueueVersion): string[] {
  const info = INFO[version];
  const notes = [
    info.defaults.waitForPodsReady
      ? `Simulated with waitForPodsReady on (Kueue ${version}'s default): admitted workloads whose pods do not all run within 30 min are evicted and requeued.`
      : `Simulated with waitForPodsReady off (Kueue ${version}'s default).`,
    info.pendingReasons === 'named'
      ? `Pending reasons in Kueue ${version}'s words (WaitingForQuota, ExceedsMaxQuota, NoMatchingFlavor, ...).`
      : `Kueue ${version} reports every pending workload as QuotaReserved reason Pending.`,
  ];
  const missing = KUEUE_FEATURES.filter((f) => !hasKueueFeature(version, f.id) && f.id !== 'waitForPodsReadyByDefault' && f.id !== 'namedPendingReasons');
  if (missing.length > 0) notes.push(`Not in Kueue ${version}: ${missing.map((f) => `${f.title} (${f.introduced})`).join('; ')}.`);
  return notes;
}

/** A Kueue release as read from a cluster ("v0.19.4"), matched to a supported target. */
export interface KueueTargetMatch {
  /** The supported target to use, or null when the release is older than every supported one. */
  target: KueueVersion | null;
  /** The minor version read, e.g. "0.19". */
  minor: string;
  /** True when the release is of the target's minor version. */
  exact: boolean;
  message: string;
}

/**
 * Matches a release string ("v0.19.4", "0.18.1") to the newest supported
 * target not newer than it: a cluster between two targets gets the older
 * one, whose every field it serves. Null for a string that is no version.
 */
export function matchKueueRelease(release: string): KueueTargetMatch | null {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(release.trim());
  if (!match) return null;
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  const candidates = KUEUE_VERSIONS.filter((v) => compareKueueMinor(v, minor) <= 0);
  const target = candidates.length > 0 ? candidates[candidates.length - 1]! : null;
  if (target === null) {
    return { target, minor, exact: false, message: `Kueue ${minor} is older than any version Podplan supports (${KUEUE_VERSIONS.join(', ')}).` };
  }
  const exact = target === minor;
  const newer = compareKueueMinor(minor, NEWEST_KUEUE_VERSION) > 0;
  const message = exact
    ? `Kueue ${minor}: a supported target.`
    : newer
      ? `Kueue ${minor} is newer than Podplan knows; targeting ${target}, the newest it supports (its fields are still served).`
      : `Kueue ${minor} is between supported versions; targeting ${target}, whose every field it serves.`;
  return { target, minor, exact, message };
}

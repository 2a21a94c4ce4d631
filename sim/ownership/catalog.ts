/**
 * The capability catalog of the ownership map (M4), from seed "What an AI
 * platform team actually owns": the three-layer AI platform stack, the
 * central platform below it (consumed, not owned), and the product-side
 * accountabilities the platform team explicitly does not own.
 */
import type { TeamType } from '../org/team-types.ts';

export const LAYERS = ['central-platform', 'substrate', 'ml-primitives', 'application-support', 'product'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_LABELS: Record<Layer, string> = {
  'central-platform': 'Central platform (consumed, not owned)',
  substrate: 'Layer 1 — Substrate',
  'ml-primitives': 'Layer 2 — ML primitives',
  'application-support': 'Layer 3 — Application support',
  product: 'Product side (owned by each product team)',
};

export const CAPABILITY_IDS = [
  // Layer 1 — substrate
  'gpu-scheduling',
  'multi-tenant-namespacing',
  'gpu-operator',
  'quota-enforcement',
  'storage-backends',
  'ai-gateway',
  'model-artifact-storage',
  // Layer 2 — ML primitives
  'model-registry',
  'serving-runtimes',
  'training-pipeline-templates',
  'feature-store-boundary',
  'prompt-registry',
  // Layer 3 — application support
  'eval-harness',
  'ml-observability',
  'llmops-tooling',
  'token-cost-attribution',
  // Central platform
  'kubernetes-control-plane',
  'networking',
  'identity',
  'supply-chain',
  'base-observability',
  // Product side
  'models',
  'business-outcome',
  'model-training-pipelines',
] as const;

export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export interface Capability {
  id: CapabilityId;
  label: string;
  layer: Layer;
  /** Team types that should own it, the first the article's owner. */
  ownerTypes: readonly TeamType[];
  /**
   * Product-side accountabilities belong to every product team for its own
   * product: several owners are expected, not "two paved roads".
   */
  ownedPerTeam: boolean;
  /** What the article says about it. */
  description: string;
}

/** Team types that build models and products: the platform's consumers. */
export const PRODUCT_SIDE_TYPES: readonly TeamType[] = ['stream-aligned-pod', 'central-ai', 'product-engineering', 'complicated-subsystem'];
/** Team types that publish internal capabilities. */
export const PLATFORM_TYPES: readonly TeamType[] = ['ai-platform', 'central-platform'];

const AI_PLATFORM: readonly TeamType[] = ['ai-platform'];
const CENTRAL: readonly TeamType[] = ['central-platform'];
const PRODUCT: readonly TeamType[] = PRODUCT_SIDE_TYPES;

function cap(id: CapabilityId, label: string, layer: Layer, description: string): Capability {
  const ownerTypes = layer === 'central-platform' ? CENTRAL : layer === 'product' ? PRODUCT : AI_PLATFORM;
  return { id, label, layer, ownerTypes, ownedPerTeam: layer === 'product', description };
}

export const CAPABILITIES: readonly Capability[] = [
  cap('gpu-scheduling', 'GPU scheduling', 'substrate', 'Scheduling policy and gang-scheduled batch admission (Kueue, Volcano) for all ML workloads.'),
  cap('multi-tenant-namespacing', 'Multi-tenant namespacing', 'substrate', 'Per-team namespaces that turn raw cluster capacity into a safe multi-tenant compute surface.'),
  cap('gpu-operator', 'GPU Operator', 'substrate', 'GPU node pools and GPU Operator configuration and lifecycle.'),
  cap('quota-enforcement', 'Quota enforcement', 'substrate', 'Quotas per team so workloads do not contend for resources.'),
  cap('storage-backends', 'Storage backends', 'substrate', 'Storage backends for model artifacts and datasets.'),
  cap('ai-gateway', 'AI gateway', 'substrate', 'The gateway that fronts all outbound LLM API traffic, with guardrail enforcement.'),
  cap('model-artifact-storage', 'Model artifact storage', 'substrate', 'Where model artifacts live, underneath the registry.'),
  cap('model-registry', 'Model registry', 'ml-primitives', 'Versioned artifact storage with stage gates (development, staging, production) and promotion tied to evaluation results.'),
  cap('serving-runtimes', 'Serving runtimes', 'ml-primitives', 'Managed serving runtimes (e.g. KServe, vLLM, Triton, BentoML) chosen and packaged by the platform team, behind a platform-managed endpoint.'),
  cap('training-pipeline-templates', 'Training pipeline templates', 'ml-primitives', 'Reusable pipeline templates (e.g. Kubeflow, Argo Workflows) a product team forks rather than authors.'),
  cap('feature-store-boundary', 'Feature store boundary', 'ml-primitives', 'The boundary with data engineering; drift detection sits on the AI platform side, pipeline reliability and schema governance with data engineering.'),
  cap('prompt-registry', 'Prompt registry & alias resolution', 'ml-primitives', 'For LLM workloads: a prompt registry and alias-resolution mechanism.'),
  cap('eval-harness', 'Eval harness & rollout gate', 'application-support', 'The shared mechanism that decides whether a model version clears automated quality checks, and the traffic shifting that gets it to production.'),
  cap('ml-observability', 'ML observability & drift detection', 'application-support', 'Drift detection dashboards, prediction quality signals, GPU utilisation tracking, hallucination sampling.'),
  cap('llmops-tooling', 'LLMOps tooling', 'application-support', 'Guardrail enforcement at the gateway and token-aware autoscaling for LLM serving.'),
  cap('token-cost-attribution', 'Token cost attribution', 'application-support', 'Per-request token cost attribution for LLM workloads.'),
  cap('kubernetes-control-plane', 'Kubernetes control plane', 'central-platform', 'The base cluster the AI platform consumes.'),
  cap('networking', 'Networking', 'central-platform', 'The base networking fabric.'),
  cap('identity', 'Identity', 'central-platform', 'The identity provider and certificate authority.'),
  cap('supply-chain', 'Supply chain', 'central-platform', 'Supply-chain security and attestation.'),
  cap('base-observability', 'Base observability', 'central-platform', 'The base observability backplane the ML-layer observability extends.'),
  cap('models', 'The models themselves', 'product', 'Architecture choice, training data curation, hyperparameters and fine-tuning strategy: product team calls.'),
  cap('business-outcome', 'Business outcome', 'product', 'Whether the model improves the right product metric.'),
  cap('model-training-pipelines', 'Per-model training pipelines & retraining', 'product', 'The training pipelines for specific models and their retraining cadence: the MLOps practice on the product team.'),
];

const BY_ID = new Map(CAPABILITIES.map((c) => [c.id, c]));

export function capability(id: CapabilityId): Capability {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown capability "${id}"`);
  return found;
}

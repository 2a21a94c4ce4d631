/** Environment variables the e2e globalSetup (cluster-setup.ts) hands to the fixtures and specs. */
export const KUBECONFIG_ENV = 'PODPLAN_E2E_KUBECONFIG';
export const RESTRICTED_KUBECONFIG_ENV = 'PODPLAN_E2E_RESTRICTED_KUBECONFIG';
export const SKIP_ENV = 'PODPLAN_E2E_CLUSTER_SKIP';

/**
 * A failed cluster call in words: what happened (by the backend's classified
 * cause) and what to do about it. The backend's own message, which names the
 * server or the object, is shown with it.
 */
import type { ClusterErrorCause } from '../../../../sim/api/contract.ts';

export interface ClusterAdvice {
  title: string;
  advice: string;
}

const ADVICE: Record<ClusterErrorCause, ClusterAdvice> = {
  kubeconfig: {
    title: 'The kubeconfig could not be used',
    advice: 'Check the path (several paths are separated by ":" as in KUBECONFIG) and that the file is a kubeconfig with the selected context.',
  },
  dns: {
    title: 'The cluster’s host name does not resolve (DNS)',
    advice: 'Check the server address in the kubeconfig, and that you are on the network or VPN where that name exists.',
  },
  refused: {
    title: 'Nothing is listening at the server address (connection refused)',
    advice: 'Is the cluster running and is the port right? A tunnel, port-forward or local cluster may have stopped.',
  },
  tls: {
    title: 'The server’s certificate is not trusted (TLS)',
    advice: 'The kubeconfig’s certificate authority does not match the server. Fetch fresh credentials from your cluster provider; never turn verification off.',
  },
  timeout: {
    title: 'The cluster did not answer in time',
    advice: 'Check your network, VPN and firewall. The API server may be overloaded or behind a slow proxy; try again.',
  },
  unauthorized: {
    title: 'The cluster did not accept your credentials (401)',
    advice: 'Your token or certificate has expired or is wrong. Log in again (re-run your provider’s get-credentials command or exec plugin), then retry.',
  },
  forbidden: {
    title: 'Your user is not allowed to do this (403)',
    advice: 'Ask a cluster admin for RBAC permissions: Podplan creates Namespaces, ResourceQuotas, LimitRanges, RoleBindings, PriorityClasses and Kueue objects (cluster-scoped, so a ClusterRole is needed).',
  },
  'not-found': {
    title: 'Something the request needs does not exist on the cluster (404)',
    advice: 'Check that Kueue is installed and serves kueue.x-k8s.io/v1beta2 (run "Check cluster").',
  },
  conflict: {
    title: 'Another field manager owns fields Podplan wants to set (conflict)',
    advice: 'Look at who owns them below. Take ownership only if you are sure Podplan should manage those fields.',
  },
  invalid: {
    title: 'The API server refused an object as invalid',
    advice: 'The message names the field. Fix it in the quota policy and try again.',
  },
  server: {
    title: 'The API server failed (5xx)',
    advice: 'The cluster had an internal error. Try again; if it persists, check the API server’s health.',
  },
  network: {
    title: 'The network connection to the cluster failed',
    advice: 'Check your network and VPN, then try again.',
  },
};

export function clusterAdvice(cause: ClusterErrorCause | null): ClusterAdvice {
  return cause ? ADVICE[cause] : { title: 'The cluster operation failed', advice: 'See the message for details, then try again.' };
}

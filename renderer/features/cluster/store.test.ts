// Apply… against a cluster that cannot be reached: the failure shows as the
// apply's, with the server it tried and the attempt, and trying again shows
// a new attempt rather than the same screen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi, type PodplanApi } from '../../api/api.ts';
import type { AutosaveState } from '../../editing/autosave.ts';
import { useCluster } from './store.ts';
import { useSave } from '../../stores/save.ts';

const SERVER = 'https://10.0.0.9:6443';

function unreachableCluster(): { api: PodplanApi; diffs: () => number } {
  let diffs = 0;
  const client = {
    diffScenario: () => {
      diffs++;
      return Promise.reject(
        Object.assign(new Error(`Connection refused by ${SERVER}: is the API server running and the address right?`), { status: 502, code: 'cluster', clusterError: 'refused' }),
      );
    },
  };
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  const api = new Proxy(client, { get: (target, key) => (key in target ? target[key as keyof typeof target] : notUsed) }) as unknown as PodplanApi;
  return { api, diffs: () => diffs };
}

describe('Apply… against an unreachable cluster', () => {
  const initial = useCluster.getState();
  beforeEach(() => {
    useSave.setState({ save: { revision: 4, status: 'saved' } as AutosaveState });
    useCluster.setState({
      contexts: [{ name: 'prod', cluster: 'prod', server: SERVER, user: 'me', namespace: null, auth: 'token' }],
      context: 'prod',
      currentContext: 'prod',
    });
  });
  afterEach(() => {
    useCluster.setState(initial, true);
    useSave.setState({ save: null });
  });

  it('shows the failure as the apply’s, naming the server, once (not also as a diff error)', async () => {
    const backend = unreachableCluster();
    setApi(backend.api);
    expect(await useCluster.getState().prepareApply('s1', { diffIsFresh: false })).toBe(false);
    const { apply, diffError } = useCluster.getState();
    expect(backend.diffs()).toBe(1);
    expect(apply).toMatchObject({ phase: 'error', scenarioId: 's1', server: SERVER, failedAttempts: 1 });
    expect(apply.error?.message).toContain(`Connection refused by ${SERVER}`);
    expect(apply.error?.clusterError).toBe('refused');
    expect(apply.failedAt).toEqual(expect.any(Number));
    expect(diffError).toBeNull();
  });

  it('trying again counts a new attempt', async () => {
    setApi(unreachableCluster().api);
    await useCluster.getState().prepareApply('s1', { diffIsFresh: false });
    await useCluster.getState().prepareApply('s1', { diffIsFresh: false });
    expect(useCluster.getState().apply.failedAttempts).toBe(2);
  });

  it('with a fresh diff, the confirmation opens without asking the cluster again', async () => {
    const backend = unreachableCluster();
    setApi(backend.api);
    expect(await useCluster.getState().prepareApply('s1', { diffIsFresh: true })).toBe(true);
    expect(backend.diffs()).toBe(0);
  });
});

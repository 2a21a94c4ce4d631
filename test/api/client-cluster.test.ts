// The client's manifest and cluster methods against the real backend (no
// cluster: errors and kubeconfig handling), and its NDJSON apply reader
// against streams cut at awkward places.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { readZip } from '../../sim/formats/zip.ts';
import { apiError, closedPort, kubeconfigYaml, makeTempDir, startTestBackend, type TestBackend } from '../../electron/server/test-support.ts';
import { createApiClient } from '../../renderer/api/client.ts';
import type { ApplyProgress, ApplyStreamEvent, ApplyStreamResult } from '../../sim/api/contract.ts';

const result: ApplyStreamResult = {
  context: 'fake',
  server: 'https://k8s.example',
  dryRun: false,
  results: [{ ref: 'Namespace/team-ä', kind: 'Namespace', status: 'created' }],
  counts: { created: 1, configured: 0, unchanged: 0, pruned: 0, conflict: 0, failed: 0, 'not-applied': 0, skipped: 0 },
  complete: true,
  requests: 11,
  notPruned: [],
};

/** A client whose apply answer is `body`, delivered in the given pieces. */
function streamingClient(pieces: Uint8Array[], status = 200) {
  const fetchStub = async (): Promise<Response> =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces) controller.enqueue(piece);
          controller.close();
        },
      }),
      { status, headers: { 'Content-Type': 'application/x-ndjson' } },
    );
  return createApiClient({ baseUrl: 'http://podplan.test', fetch: fetchStub });
}

/** The bytes of `events` as NDJSON, cut every `size` bytes (through multi-byte characters too). */
function cut(events: ApplyStreamEvent[], size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.slice(i, i + size));
  return pieces;
}

describe('client: manifests and cluster routes against the real backend', () => {
  let t: TestBackend;
  let temp: ReturnType<typeof makeTempDir>;
  let sampleId: string;
  let brokenId: string;

  beforeAll(async () => {
    t = await startTestBackend();
    temp = makeTempDir('podplan-client-');
    const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
    sampleId = (await t.client.createScenario({ scenario: sample })).scenario.id;
    const broken = structuredClone(sample);
    broken.cluster.queues[2]!.namespace = 'Bad_Namespace';
    brokenId = (await t.client.createScenario({ scenario: broken, name: 'Broken' })).scenario.id;
  });
  afterAll(async () => {
    await t.stop();
    temp.remove();
  });

  it('manifests() previews; the download URLs serve the YAML and the zip', async () => {
    const preview = await t.client.manifests(sampleId);
    expect(preview.objects.length).toBeGreaterThan(20);
    expect(preview.yaml).toContain(`podplan.io/scenario: ${sampleId}`);
    const headers = { Authorization: `Bearer ${t.backend.token}` };
    expect(t.client.manifestsYamlUrl(sampleId)).toBe(`${t.backend.origin}/api/scenarios/${sampleId}/manifests.yaml`);
    expect(await (await fetch(t.client.manifestsYamlUrl(sampleId), { headers })).text()).toBe(preview.yaml);
    const zip = new Uint8Array(await (await fetch(t.client.manifestsZipUrl(sampleId), { headers })).arrayBuffer());
    expect(readZip(zip).length).toBe(preview.objects.length + 1);
  });

  it('policy errors reject with policy-invalid and the issues', async () => {
    const preview = await t.client.manifests(brokenId);
    expect(preview.objects).toEqual([]);
    for (const call of [t.client.diffScenario(brokenId), t.client.applyScenario(brokenId, { dryRun: true })]) {
      const error = await apiError(call);
      expect(error).toMatchObject({ status: 422, code: 'policy-invalid' });
      expect(error.policyIssues.map((i) => i.path)).toContain('cluster.queues[2].namespace');
    }
  });

  it('clusterContexts() sends the kubeconfig paths; kubeconfig and connection failures carry clusterError', async () => {
    const file = path.join(temp.dir, 'kubeconfig');
    writeFileSync(file, kubeconfigYaml(`http://127.0.0.1:${await closedPort()}`));
    const contexts = await t.client.clusterContexts([file]);
    expect(contexts.currentContext).toBe('fake');
    expect(contexts.contexts.map((c) => c.name)).toEqual(['fake', 'other']);

    const missing = await apiError(t.client.clusterCapabilities({ kubeconfigPaths: [path.join(temp.dir, 'missing')] }));
    expect(missing).toMatchObject({ status: 400, code: 'cluster', clusterError: 'kubeconfig' });

    for (const call of [
      t.client.clusterCapabilities({ kubeconfigPaths: [file] }),
      t.client.diffScenario(sampleId, { kubeconfigPaths: [file], context: 'other' }),
      t.client.applyScenario(sampleId, { kubeconfigPaths: [file] }, () => undefined),
      t.client.importFromCluster({ kubeconfigPaths: [file] }),
    ]) {
      expect(await apiError(call)).toMatchObject({ status: 502, code: 'cluster', clusterError: 'refused' });
    }
  });
});

describe('client: reading the apply stream', () => {
  const progress = (done: number): ApplyStreamEvent => ({
    type: 'progress',
    done,
    total: 2,
    phase: 'Namespace',
    last: { ref: `Namespace/team-ä-${done}`, kind: 'Namespace', status: 'created' },
  });

  it('passes progress on in order and resolves with the result, however the bytes are cut', async () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const seen: ApplyProgress[] = [];
      const client = streamingClient(cut([progress(1), progress(2), { type: 'result', ...result }], size));
      const answer = await client.applyScenario('s', {}, (p) => seen.push(p));
      expect(answer, `cut every ${size} bytes`).toEqual(result);
      expect(seen.map((p) => p.last.ref)).toEqual(['Namespace/team-ä-1', 'Namespace/team-ä-2']);
      expect(seen[0]).not.toHaveProperty('type');
    }
  });

  it('an error line rejects with its status, code and clusterError, after the progress before it', async () => {
    const seen: ApplyProgress[] = [];
    const client = streamingClient(
      cut([progress(1), { type: 'error', status: 502, error: { code: 'cluster', message: 'Connection refused by https://k8s.example', clusterError: 'refused' } }], 5),
    );
    const error = await apiError(client.applyScenario('s', {}, (p) => seen.push(p)));
    expect(error).toMatchObject({ status: 502, code: 'cluster', clusterError: 'refused', message: 'Connection refused by https://k8s.example' });
    expect(seen).toHaveLength(1);
  });

  it('a stream that ends without a result, or with a line that is not JSON, rejects saying so', async () => {
    const ended = await apiError(streamingClient(cut([progress(1)], 10)).applyScenario('s'));
    expect(ended).toMatchObject({ status: 0, code: 'internal' });
    expect(ended.message).toMatch(/ended before the result.*run the diff/);
    const garbage = await apiError(streamingClient([new TextEncoder().encode('{"type":"progress"\n')]).applyScenario('s'));
    expect(garbage.message).toMatch(/not JSON/);
  });
});

/**
 * A client that sends its request slowly does not hold a connection for
 * Node's default five minutes: the server answers 408 and closes once the
 * request timeout passes (here shortened, to keep the test short).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './test-support.ts';

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend({ requestTimeoutMs: 400 });
});
afterAll(async () => {
  await t.stop();
});

it('an authenticated request whose body never finishes is answered 408 and its connection closed', async () => {
  const socket = connect(t.backend.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    [
      'PUT /api/settings/slow HTTP/1.1',
      `Host: 127.0.0.1:${t.backend.port}`,
      `Authorization: Bearer ${t.backend.token}`,
      'Content-Type: application/json',
      'Content-Length: 100000',
      '',
      '{"value": "',
    ].join('\r\n'),
  );
  // Waits for the state (closed by the server), never for a number of milliseconds.
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 30_000);

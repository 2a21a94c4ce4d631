import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../sim/api/contract.ts';
import { createApiClient } from '../../renderer/api/client.ts';
import { loadSamples } from '../../data/samples/index.ts';
import { makeTempDir, rawRequest, startTestBackend, type TestBackend } from './test-support.ts';
import { SCENARIO_SCHEMA_VERSION } from '../../sim/scenario/index.ts';

describe('the backend refuses what it should', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
  });
  afterAll(() => t.stop());

  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${t.backend.token}` });

  it('listens on 127.0.0.1 and gives a URL that carries the token', () => {
    expect(t.backend.url).toBe(`http://127.0.0.1:${t.backend.port}/?token=${t.backend.token}`);
    expect(t.backend.origin).toBe(`http://127.0.0.1:${t.backend.port}`);
    expect(t.backend.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a request without the token gets 401', async () => {
    const api = await rawRequest({ port: t.backend.port, path: '/api/scenarios' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'unauthorized' } });

    const page = await rawRequest({ port: t.backend.port, path: '/' });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('podplan serve');
  });

  it('a wrong token gets 401, by header and by cookie', async () => {
    const header = await rawRequest({ port: t.backend.port, path: '/api/health', headers: { Authorization: 'Bearer wrong-token-wrong-token' } });
    expect(header.status).toBe(401);
    const cookie = await rawRequest({
      port: t.backend.port,
      path: '/api/health',
      headers: { Cookie: `podplan_token_${t.backend.port}=${t.backend.token.slice(1)}x` },
    });
    expect(cookie.status).toBe(401);
  });

  it('a cookie for another port does not count', async () => {
    const response = await rawRequest({ port: t.backend.port, path: '/api/health', headers: { Cookie: `podplan_token_1=${t.backend.token}` } });
    expect(response.status).toBe(401);
  });

  it('the bearer token is enough for the API', async () => {
    const response = await rawRequest({ port: t.backend.port, path: '/api/health', headers: auth() });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, schemaVersion: SCENARIO_SCHEMA_VERSION });
  });

  it('a wrong Host gets 403, even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${t.backend.port}`, `127.0.0.1:${t.backend.port + 1}`, '127.0.0.1']) {
      const response = await rawRequest({ port: t.backend.port, path: '/api/health', headers: { ...auth(), Host: host } });
      expect(response.status, host).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('loopback names are accepted as Host', async () => {
    for (const host of [`127.0.0.1:${t.backend.port}`, `localhost:${t.backend.port}`, `[::1]:${t.backend.port}`, `LOCALHOST:${t.backend.port}`]) {
      const response = await rawRequest({ port: t.backend.port, path: '/api/health', headers: { ...auth(), Host: host } });
      expect(response.status, host).toBe(200);
    }
  });

  it('a cross-origin request gets 403, even with the token (CSRF)', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${t.backend.port}`, 'null', `https://127.0.0.1:${t.backend.port}`]) {
      const response = await rawRequest({
        port: t.backend.port,
        method: 'POST',
        path: '/api/scenarios',
        headers: { ...auth(), Origin: origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Planted' }),
      });
      expect(response.status, origin).toBe(403);
    }
    expect(t.store.listScenarios().map((s) => s.name)).not.toContain('Planted');
  });

  it('a same-origin request is accepted', async () => {
    const response = await rawRequest({ port: t.backend.port, path: '/api/health', headers: { ...auth(), Origin: t.backend.origin } });
    expect(response.status).toBe(200);
  });

  it('the token link sets a cookie and redirects, and the cookie then signs requests in', async () => {
    const response = await rawRequest({ port: t.backend.port, path: `/?token=${t.backend.token}` });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`podplan_token_${t.backend.port}=${t.backend.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(response.headers['referrer-policy']).toBe('no-referrer');

    const cookie = setCookie.split(';')[0] ?? '';
    const api = await rawRequest({ port: t.backend.port, path: '/api/scenarios', headers: { Cookie: `other=1; ${cookie}` } });
    expect(api.status).toBe(200);
  });

  it('the token link never redirects to another site', async () => {
    const dotted = await rawRequest({ port: t.backend.port, path: `/.//evil.example/?token=${t.backend.token}` });
    expect(dotted.status).toBe(302);
    expect(dotted.headers.location).toBe('/evil.example/');
    const backslash = await rawRequest({ port: t.backend.port, path: `/\\evil.example/?token=${t.backend.token}` });
    expect(backslash.status).toBe(400);
    expect(backslash.headers['set-cookie']).toBeUndefined();
  });

  it('a token link with the wrong token gets 401 and no cookie', async () => {
    const response = await rawRequest({ port: t.backend.port, path: '/?token=not-the-token' });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('a 60 MB body gets 413 naming the limit, and the server keeps working', async () => {
    const body = Buffer.alloc(60 * 1024 * 1024, 0x20);
    const response = await fetch(`${t.backend.origin}/api/import`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(`${MAX_REQUEST_BYTES / (1024 * 1024)} MB`);
    expect((await t.client.health()).ok).toBe(true);
  });

  it('a streamed body without Content-Length gets 413 once it passes the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    function* chunks(): Generator<Buffer> {
      for (let i = 0; i < 60; i++) yield chunk;
    }
    const response = await rawRequest({
      port: t.backend.port,
      method: 'POST',
      path: '/api/import',
      headers: { ...auth(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunks: chunks(),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'too-large' } });
    expect((await t.client.health()).ok).toBe(true);
  });

  it('a body that is not JSON gets 400, and a non-JSON content type 415', async () => {
    const bad = await rawRequest({
      port: t.backend.port,
      method: 'POST',
      path: '/api/scenarios',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'not-json' } });

    const form = await rawRequest({
      port: t.backend.port,
      method: 'POST',
      path: '/api/scenarios',
      headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(form.status).toBe(415);
  });

  it('an unknown API route gets 404 and a wrong method 405, both as JSON', async () => {
    const missing = await rawRequest({ port: t.backend.port, path: '/api/nope', headers: auth() });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'not-found' } });
    const method = await rawRequest({ port: t.backend.port, method: 'PATCH', path: '/api/scenarios', headers: auth() });
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET, POST');
  });

  it('a request with a bad shape gets 400 naming the field', async () => {
    const sample = loadSamples()[0];
    const created = await t.client.createScenario({ name: 'Shape test' });
    const response = await rawRequest({
      port: t.backend.port,
      method: 'PUT',
      path: `/api/scenarios/${created.scenario.id}`,
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ scenario: { ...sample, id: created.scenario.id }, baseRevision: 'one' }),
    });
    expect(response.status).toBe(400);
    const error = (JSON.parse(response.body) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe('bad-request');
    expect(error.issues.map((i) => i.path)).toEqual(['baseRevision']);
  });

  it('an unexpected failure gets a 500 without internals, and is logged', async () => {
    const other = await startTestBackend();
    other.store.close(); // every query now throws inside better-sqlite3
    const response = await rawRequest({ port: other.backend.port, path: '/api/scenarios', headers: { Authorization: `Bearer ${other.backend.token}` } });
    await other.backend.close();
    expect(response.status).toBe(500);
    const error = (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('internal');
    expect(error.message).not.toMatch(/at |\.ts|database connection/);
    expect(other.logged).toHaveLength(1);
  });
});

describe('the backend serves the built UI', () => {
  let t: TestBackend;
  const ui = makeTempDir('podplan-ui-');
  beforeAll(async () => {
    mkdirSync(path.join(ui.dir, 'assets'));
    writeFileSync(path.join(ui.dir, 'index.html'), '<!doctype html><title>Podplan</title><script type="module" src="/assets/index-AbCd1234.js"></script>');
    writeFileSync(path.join(ui.dir, 'assets', 'index-AbCd1234.js'), 'console.log("podplan")');
    writeFileSync(path.join(ui.dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(ui.dir, '..', `secret-${path.basename(ui.dir)}.txt`), 'secret');
    t = await startTestBackend({ staticDir: ui.dir });
  });
  afterAll(async () => {
    await t.stop();
    ui.remove();
  });

  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    rawRequest({ port: t.backend.port, path: urlPath, headers: { Authorization: `Bearer ${t.backend.token}`, ...headers } });

  it('index.html comes with a strict CSP and is never cached', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Podplan</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const csp = response.headers['content-security-policy'] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "connect-src 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('hashed assets are cached as immutable, other files revalidated', async () => {
    const asset = await get('/assets/index-AbCd1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-security-policy']).toContain("default-src 'self'");
    const icon = await get('/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('static files need the token too', async () => {
    const response = await rawRequest({ port: t.backend.port, path: '/assets/index-AbCd1234.js' });
    expect(response.status).toBe(401);
  });

  it('unknown app paths fall back to index.html; missing files are 404', async () => {
    const route = await get('/scenarios/abc/compare');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Podplan</title>');
    expect((await get('/assets/missing-12345678.js')).status).toBe(404);
    expect((await get('/robots.txt')).status).toBe(404);
  });

  it('paths cannot leave the UI directory', async () => {
    const secret = `secret-${path.basename(ui.dir)}.txt`;
    for (const attempt of [`/../${secret}`, `/%2e%2e/${secret}`, `/assets/..%2f..%2f${secret}`, `/%2e%2e%2f${secret}`]) {
      const response = await get(attempt);
      expect(response.body, attempt).not.toBe('secret');
    }
  });

  it('a backend without a built UI says how to build it', async () => {
    const bare = await startTestBackend({ staticDir: path.join(ui.dir, 'does-not-exist') });
    const response = await rawRequest({ port: bare.backend.port, path: '/', headers: { Authorization: `Bearer ${bare.backend.token}` } });
    await bare.stop();
    expect(response.status).toBe(500);
    expect(response.body).toContain('The UI is not built: run npm run build:renderer');
  });

  it('the token link followed by the page works like a browser session', async () => {
    const link = await rawRequest({ port: t.backend.port, path: `/compare?a=1&token=${t.backend.token}` });
    expect(link.status).toBe(302);
    expect(link.headers.location).toBe('/compare?a=1');
    const cookie = (link.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const page = await rawRequest({ port: t.backend.port, path: '/compare?a=1', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const client = createApiClient({ baseUrl: t.backend.origin, fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Cookie: cookie } }) });
    expect((await client.health()).ok).toBe(true);
  });
});

describe('startBackend', () => {
  it('uses a given token and port, and refuses an unusable token', async () => {
    const token = 'a'.repeat(40);
    const t = await startTestBackend({ token });
    expect(t.backend.token).toBe(token);
    await t.stop();
    await expect(startTestBackend({ token: 'short' })).rejects.toThrow(/token/);
  });

  it('rejects when the port is taken', async () => {
    const t = await startTestBackend();
    await expect(startTestBackend({ port: t.backend.port })).rejects.toThrow(/EADDRINUSE/);
    await t.stop();
  });

  it('close() can be called twice', async () => {
    const t = await startTestBackend();
    await t.backend.close();
    await t.backend.close();
    await t.stop();
  });
});

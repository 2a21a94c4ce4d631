import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { FALLBACK_CSP, hasCsp, installSecurity, isAllowedExternalUrl, isAllowedNavigation, isAllowedPermission, lockDownWebContents, withFallbackCsp } from './security.ts';

const backend = 'http://127.0.0.1:43123';

describe('navigation policy', () => {
  it('allows only the backend origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:43123/', backend)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:43123/scenarios/x?token=abc', backend)).toBe(true);
    for (const url of ['http://127.0.0.1:9/', 'https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'about:blank', '']) {
      expect(isAllowedNavigation(url, backend), url).toBe(false);
    }
  });
});

describe('external links', () => {
  it('opens only allowlisted https hosts, exactly', () => {
    expect(isAllowedExternalUrl('https://kueue.sigs.k8s.io/docs/concepts/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/kubernetes-sigs/kueue')).toBe(true);
    for (const url of [
      'http://kueue.sigs.k8s.io/',
      'https://evil.kueue.sigs.k8s.io/',
      'https://github.com.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(isAllowedExternalUrl('https://example.com/', ['example.com'])).toBe(true);
  });
});

describe('permissions', () => {
  it('denies everything but clipboard writes from our own page', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', `${backend}/`, backend)).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', backend, backend)).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://example.com/', backend)).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', undefined, backend)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb']) {
      expect(isAllowedPermission(permission, `${backend}/`, backend), permission).toBe(false);
    }
  });
});

describe('Content-Security-Policy fallback', () => {
  it('keeps a response CSP and adds the fallback only when there is none', () => {
    expect(hasCsp({ 'content-security-policy': ["default-src 'self'"] })).toBe(true);
    expect(hasCsp({ 'Content-Security-Policy': ["default-src 'self'"] })).toBe(true);
    expect(withFallbackCsp({ 'Content-Security-Policy': ["default-src 'none'"] })).toBeNull();
    expect(withFallbackCsp({ 'Content-Type': ['text/html'] })).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [FALLBACK_CSP] });
    expect(withFallbackCsp(undefined)).toEqual({ 'Content-Security-Policy': [FALLBACK_CSP] });
  });

  it('is strict: no inline or eval scripts, no plugins, no framing, no remote connections', () => {
    expect(FALLBACK_CSP).toMatch(/default-src 'self'/);
    expect(FALLBACK_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(FALLBACK_CSP).not.toMatch(/unsafe-eval/);
    expect(FALLBACK_CSP).toMatch(/object-src 'none'/);
    expect(FALLBACK_CSP).toMatch(/frame-ancestors 'none'/);
    expect(FALLBACK_CSP).toMatch(/connect-src 'self'(;|$)/);
  });
});

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      windowOpenHandler = handler;
    },
  };
  const fire = (name: string, event: Record<string, unknown>): boolean => {
    const preventDefault = vi.fn();
    listeners.get(name)?.({ ...event, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, fire, openWindow: (url: string) => windowOpenHandler?.({ url }) };
}

describe('lockDownWebContents', () => {
  it('blocks foreign navigation, redirects, webviews and new windows; opens allowlisted links outside', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const { contents, fire, openWindow } = fakeContents();
    lockDownWebContents(contents, { shell: { openExternal }, backendOrigin: backend });

    expect(fire('will-navigate', { url: `${backend}/other` })).toBe(false);
    expect(fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(fire('will-navigate', { url: 'https://kueue.sigs.k8s.io/docs/' })).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://kueue.sigs.k8s.io/docs/');

    expect(fire('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false })).toBe(true);
    expect(fire('will-frame-navigate', { url: `${backend}/x`, isMainFrame: false })).toBe(false);
    expect(fire('will-redirect', { url: 'https://example.com/' })).toBe(true);
    expect(fire('will-redirect', { url: `${backend}/` })).toBe(false);
    expect(fire('will-attach-webview', {})).toBe(true);

    expect(openWindow(`${backend}/popup`)).toEqual({ action: 'deny' });
    expect(openWindow('https://github.com/x')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(2);
    expect(openExternal).toHaveBeenLastCalledWith('https://github.com/x');
  });
});

describe('installSecurity', () => {
  it('wires permissions, the CSP fallback and every new WebContents', () => {
    const appListeners = new Map<string, Listener>();
    let requestHandler: Listener | undefined;
    let checkHandler: ((...args: unknown[]) => boolean) | undefined;
    let headersHandler: Listener | undefined;
    const session = {
      setPermissionRequestHandler: (h: Listener) => (requestHandler = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (checkHandler = h),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: (h: Listener) => (headersHandler = h) },
    };
    const app = { on: (name: string, listener: Listener) => appListeners.set(name, listener) };
    installSecurity({ app: app as unknown as App, session: session as unknown as Session, shell: { openExternal: vi.fn() }, backendOrigin: backend });

    const granted = vi.fn();
    requestHandler?.(null, 'media', granted, { requestingUrl: `${backend}/` });
    requestHandler?.(null, 'clipboard-sanitized-write', granted, { requestingUrl: `${backend}/` });
    expect(granted.mock.calls).toEqual([[false], [true]]);
    expect(checkHandler?.(null, 'geolocation', backend)).toBe(false);
    expect(checkHandler?.(null, 'clipboard-sanitized-write', backend)).toBe(true);

    const answer = vi.fn();
    headersHandler?.({ url: `${backend}/`, responseHeaders: { 'Content-Type': ['text/html'] } }, answer);
    headersHandler?.({ url: `${backend}/`, responseHeaders: { 'content-security-policy': ["default-src 'none'"] } }, answer);
    expect(answer.mock.calls[0]?.[0]).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [FALLBACK_CSP] } });
    expect(answer.mock.calls[1]?.[0]).toEqual({});

    const { contents, fire } = fakeContents();
    appListeners.get('web-contents-created')?.({}, contents);
    expect(fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
  });
});

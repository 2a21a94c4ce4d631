/**
 * The shell's security policy (Electron security checklist): the window may
 * only show the backend's pages; new windows, webviews and permission
 * requests are denied; links leave the app only to an allowlist of https
 * hosts, in the user's browser; every page has a Content-Security-Policy
 * (the backend's own, or this fallback when a response has none).
 *
 * The policy functions are pure; `installSecurity` wires them into Electron
 * and takes the Electron objects it needs as arguments, so this module never
 * loads Electron itself and its policy is unit-tested directly.
 */
import type { App, Session, Shell, WebContents } from 'electron';
import { originOf } from './ipc-guards.ts';

/** Hosts whose https links open in the user's browser. Exact host names, no wildcards. */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = ['kueue.sigs.k8s.io', 'kubernetes.io', 'github.com'];

/** Used only for a response that carries no CSP of its own. */
export const FALLBACK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');

/** Permissions the backend's page may have; everything else, from anyone, is denied. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isAllowedNavigation(url: string, backendOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(backendOrigin);
}

export function isAllowedExternalUrl(url: string, allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && allowlist.includes(parsed.hostname);
}

export function isAllowedPermission(permission: string, requestingUrl: string | undefined, backendOrigin: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && requestingUrl !== undefined && isAllowedNavigation(requestingUrl, backendOrigin);
}

export type ResponseHeaders = Record<string, string[] | string>;

export function hasCsp(headers: ResponseHeaders | undefined): boolean {
  return headers !== undefined && Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
}

/** The headers with the fallback CSP added, or null when the response already has a CSP. */
export function withFallbackCsp(headers: ResponseHeaders | undefined): Record<string, string[]> | null {
  if (hasCsp(headers)) return null;
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = Array.isArray(value) ? value : [value];
  out['Content-Security-Policy'] = [FALLBACK_CSP];
  return out;
}

export interface SecurityDeps {
  app: Pick<App, 'on'>;
  session: Session;
  shell: Pick<Shell, 'openExternal'>;
  /** The backend's origin, e.g. http://127.0.0.1:43123. */
  backendOrigin: string;
}

function openExternallyIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string): void {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`podplan: blocked a link to ${JSON.stringify(url.slice(0, 200))} (not an allowlisted https host)`);
    return;
  }
  shell.openExternal(url).catch((error: unknown) => console.warn(`podplan: could not open ${url}: ${String(error)}`));
}

/** Navigation, new-window and webview rules for one WebContents. */
export function lockDownWebContents(contents: WebContents, deps: Pick<SecurityDeps, 'shell' | 'backendOrigin'>): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAllowedNavigation(url, deps.backendOrigin)) return;
    event.preventDefault();
    // A plain link to an allowlisted site opens in the browser instead.
    openExternallyIfAllowed(deps.shell, url);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  // Sub-frames too (the main frame is covered by 'will-navigate' above).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, deps.backendOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, deps.backendOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternallyIfAllowed(deps.shell, url);
    return { action: 'deny' };
  });
}

/** Installs the whole policy: call once, after app ready, before the first window. */
export function installSecurity(deps: SecurityDeps): void {
  const { app, session, backendOrigin } = deps;
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, deps));

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl, backendOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin, backendOrigin));
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = withFallbackCsp(details.responseHeaders);
    callback(responseHeaders === null ? {} : { responseHeaders });
  });
}

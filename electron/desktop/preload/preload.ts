/**
 * The sandboxed preload: exposes `window.podplanDesktop` (DesktopApi) through
 * contextBridge and nothing else — no `ipcRenderer`, no Node APIs. Bundled to
 * one CommonJS file (dist/electron/preload.cjs) because a sandboxed preload
 * can `require` only 'electron' and a few built-ins.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeIpc } from './desktop-bridge.ts';
import { createDesktopApi } from './desktop-bridge.ts';
import { DESKTOP_API_GLOBAL } from '../../../sim/api/desktop.ts';

const ipc: BridgeIpc = {
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  on: (channel, listener) => ipcRenderer.on(channel, listener),
  removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
};

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, createDesktopApi(ipc));

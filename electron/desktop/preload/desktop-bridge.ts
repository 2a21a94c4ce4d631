/**
 * Builds the object the preload exposes as `window.podplanDesktop`, from a
 * minimal IPC surface so that it can be tested without Electron. It has
 * exactly the DesktopApi methods, uses only the allowlisted channels, never
 * hands the renderer an IPC event or `ipcRenderer` itself, and drops menu
 * messages that are not a known command.
 */
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL, isMenuCommand, type InvokeChannel } from './channels.ts';
import type { DesktopApi, MenuCommand, OpenedFile } from '../../../sim/api/desktop.ts';

/** The part of `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  on(channel: typeof MENU_COMMAND_CHANNEL, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: typeof MENU_COMMAND_CHANNEL, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createDesktopApi(ipc: BridgeIpc): DesktopApi {
  const api: DesktopApi = {
    openScenarioFile: () => ipc.invoke(INVOKE_CHANNELS.openScenarioFile) as Promise<OpenedFile | null>,
    openRecentFile: (filePath: string) => ipc.invoke(INVOKE_CHANNELS.openRecentFile, filePath) as Promise<OpenedFile>,
    saveScenarioFile: (suggestedName: string, text: string) =>
      ipc.invoke(INVOKE_CHANNELS.saveScenarioFile, suggestedName, text) as Promise<{ filePath: string } | null>,
    recentFiles: () => ipc.invoke(INVOKE_CHANNELS.recentFiles) as Promise<string[]>,
    saveReportPdf: (suggestedName: string, html: string, paper: 'a4' | 'letter') =>
      ipc.invoke(INVOKE_CHANNELS.saveReportPdf, suggestedName, html, paper) as Promise<{ filePath: string } | null>,
    onMenuCommand(listener: (command: MenuCommand, argument?: string) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
      const wrapped = (_event: unknown, ...args: unknown[]): void => {
        const [command, argument] = args;
        if (!isMenuCommand(command)) return;
        if (argument === undefined || argument === null) listener(command);
        else if (typeof argument === 'string') listener(command, argument);
      };
      ipc.on(MENU_COMMAND_CHANNEL, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(MENU_COMMAND_CHANNEL, wrapped);
      };
    },
  };
  return Object.freeze(api);
}

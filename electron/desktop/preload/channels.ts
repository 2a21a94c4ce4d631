/**
 * The IPC channels between the preload and the main process: the only ones
 * the preload can use and the only ones the main process answers. Both sides
 * import this file, so a channel cannot exist on one side only.
 */
import type { DesktopApi, MenuCommand } from '../../../sim/api/desktop.ts';

/** Request/response calls (`ipcRenderer.invoke` → `ipcMain.handle`), one per DesktopApi method. */
export const INVOKE_CHANNELS = {
  openScenarioFile: 'podplan:open-scenario-file',
  openRecentFile: 'podplan:open-recent-file',
  saveScenarioFile: 'podplan:save-scenario-file',
  recentFiles: 'podplan:recent-files',
  saveReportPdf: 'podplan:save-report-pdf',
} as const satisfies Record<Exclude<keyof DesktopApi, 'onMenuCommand'>, string>;

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeMethod];

/** Main → renderer: a native menu item was chosen. Payload: (command, argument?). */
export const MENU_COMMAND_CHANNEL = 'podplan:menu-command';

const MENU_COMMAND_LIST = ['open-file', 'save-file-as', 'new-scenario', 'undo', 'redo'] as const satisfies readonly MenuCommand[];
// Compile-time check that the list names every MenuCommand.
type UnlistedMenuCommand = Exclude<MenuCommand, (typeof MENU_COMMAND_LIST)[number]>;
const _everyMenuCommandListed: [UnlistedMenuCommand] extends [never] ? true : never = true;
void _everyMenuCommandListed;

export const MENU_COMMANDS: readonly MenuCommand[] = MENU_COMMAND_LIST;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

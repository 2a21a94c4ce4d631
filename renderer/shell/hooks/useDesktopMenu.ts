/** In Electron: native menu commands (open, save as, new, undo, redo). No-op in a browser. */
import { useEffect } from 'react';
import { desktopApi } from '../../api/desktop.ts';
import { errorInfo } from '../../api/errors.ts';
import { importScenarioText, importWithDialog, exportScenario } from '../../files/transfer.ts';
import { selectDoc, useEditor } from '../../stores/editor.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';
import { createAndOpenScenario } from '../../stores/scenario-list.ts';

async function openRecent(filePath: string): Promise<void> {
  const desktop = desktopApi();
  if (!desktop) return;
  try {
    const opened = await desktop.openRecentFile(filePath);
    await importScenarioText(opened.text, opened.filePath.split(/[\\/]/).pop() ?? opened.filePath);
  } catch (error) {
    notifyError(`Could not open ${filePath}`, errorInfo(error));
  }
}

export function useDesktopMenu(): void {
  useEffect(() => {
    const desktop = desktopApi();
    if (!desktop) return;
    return desktop.onMenuCommand((command, argument) => {
      switch (command) {
        case 'open-file':
          void (argument ? openRecent(argument) : importWithDialog());
          return;
        case 'save-file-as': {
          const doc = selectDoc(useEditor.getState());
          if (doc) void exportScenario(doc.id, doc.name);
          else useNotices.getState().push({ kind: 'info', title: 'Open a scenario first', message: 'Save As exports the scenario open in the editor.' });
          return;
        }
        case 'new-scenario':
          void createAndOpenScenario();
          return;
        case 'undo':
          useEditor.getState().undo();
          return;
        case 'redo':
          useEditor.getState().redo();
          return;
      }
    });
  }, []);
}

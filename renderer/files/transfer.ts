/**
 * Import and export of `.podplan.json` files. In a browser: a file input and
 * a download; in Electron: the native dialogs of the preload API. Both go
 * through the same API calls, and every failure is shown to the user.
 */
import type { ImportConflictChoice } from '../../sim/api/contract.ts';
import { api } from '../api/api.ts';
import { desktopApi } from '../api/desktop.ts';
import { errorInfo } from '../api/errors.ts';
import { useEditor } from '../stores/editor.ts';
import { useNavigation } from '../stores/navigation.ts';
import { notifyError, useNotices } from '../stores/notices.ts';
import { useScenarioList } from '../stores/scenario-list.ts';
import { flushSave, openScenario } from '../stores/session.ts';
import { decodeScenarioBytes } from '../../sim/scenario/index.ts';
import { fileSizeProblem, scenarioFileName } from './size.ts';

/**
 * Sends the text of a scenario file to the backend; the new scenario appears
 * in the list. A file that is a scenario already there (one's own export, or
 * the same name) asks first: replace it (the replaced version stays in its
 * history) or keep both under distinct names.
 */
export async function importScenarioText(text: string, fileName: string, onConflict: ImportConflictChoice = 'ask'): Promise<boolean> {
  try {
    const { record, migratedFrom, replaced } = await api().importScenario(text, fileName, onConflict);
    const id = record.scenario.id;
    useScenarioList.getState().highlight(id);
    await useScenarioList.getState().refresh();
    // A replaced scenario that is open shows the file's version.
    if (replaced && useEditor.getState().history?.present.id === id) await openScenario(id);
    useNotices.getState().push({
      kind: 'success',
      title: replaced ? `Replaced “${record.scenario.name}” with ${fileName}` : `Imported “${record.scenario.name}”`,
      message:
        migratedFrom !== null
          ? `The file was written by an older Podplan (schema version ${migratedFrom}) and was upgraded to version ${record.scenario.schemaVersion}. The file itself is unchanged.`
          : replaced
            ? 'The version it replaced is kept in the scenario’s history (snapshot “Before importing…”).'
            : `From ${fileName}.`,
      action: { label: 'Open', run: () => useNavigation.getState().navigate({ view: 'editor', scenarioId: id }) },
      timeoutMs: migratedFrom !== null ? 20_000 : 8000,
    });
    return true;
  } catch (error) {
    const info = errorInfo(error);
    if (info.code === 'conflict' && onConflict === 'ask') {
      useNotices.getState().push({
        kind: 'info',
        title: `${fileName} is already in your workspace`,
        message: info.message,
        action: { label: 'Replace it', run: () => void importScenarioText(text, fileName, 'replace') },
        moreActions: [{ label: 'Keep both', run: () => void importScenarioText(text, fileName, 'keep-both') }],
        timeoutMs: null,
      });
      return false;
    }
    if (info.code === 'invalid' && info.issues.length > 0) {
      const count = info.issues.length;
      useNotices.getState().push({
        kind: 'error',
        title: `Could not import ${fileName}`,
        message: `The file is not a valid Podplan scenario (${count} ${count === 1 ? 'problem' : 'problems'}). Nothing was imported.`,
        issues: info.issues,
      });
    } else {
      // The message says it all (not JSON, a newer schema version, too large); the issues would repeat it.
      const message = /nothing was imported/i.test(info.message) ? info.message : `${info.message} Nothing was imported.`;
      useNotices.getState().push({ kind: 'error', title: `Could not import ${fileName}`, message });
    }
    return false;
  }
}

/** Browser: a file chosen in a file input. */
export async function importBrowserFile(file: File): Promise<boolean> {
  const problem = fileSizeProblem(file.name, file.size);
  if (problem) {
    useNotices.getState().push({ kind: 'error', title: `Could not import ${file.name}`, message: problem });
    return false;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    notifyError(`Could not read ${file.name}`, errorInfo(error));
    return false;
  }
  let text: string;
  try {
    // Strict UTF-8 (file.text() would replace bad bytes in silence); a leading byte-order mark is fine.
    text = decodeScenarioBytes(bytes);
  } catch (error) {
    useNotices.getState().push({ kind: 'error', title: `Could not import ${file.name}`, message: `${errorInfo(error).message} Nothing was imported.` });
    return false;
  }
  return importScenarioText(text, file.name);
}

/** Electron: the native Open dialog. */
export async function importWithDialog(): Promise<boolean> {
  const desktop = desktopApi();
  if (!desktop) return false;
  try {
    const opened = await desktop.openScenarioFile();
    if (!opened) return false;
    const name = opened.filePath.split(/[\\/]/).pop() ?? opened.filePath;
    const problem = fileSizeProblem(name, new Blob([opened.text]).size);
    if (problem) {
      useNotices.getState().push({ kind: 'error', title: `Could not import ${name}`, message: problem });
      return false;
    }
    return importScenarioText(opened.text, name);
  } catch (error) {
    notifyError('Could not open the file', errorInfo(error));
    return false;
  }
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Exports the stored scenario (after saving pending edits when it is the open one). */
export async function exportScenario(id: string, name: string): Promise<boolean> {
  try {
    if (useEditor.getState().scenarioId === id && !(await flushSave())) {
      useNotices.getState().push({
        kind: 'error',
        title: 'Not exported',
        message: 'Your latest changes are not saved yet (see the status bar); resolve that first so the file has them.',
      });
      return false;
    }
    const text = await api().exportScenarioFile(id);
    const fileName = scenarioFileName(name);
    const desktop = desktopApi();
    if (desktop) {
      const saved = await desktop.saveScenarioFile(fileName, text);
      if (saved) useNotices.getState().push({ kind: 'success', title: 'Exported', message: `Saved to ${saved.filePath}` });
      return saved !== null;
    }
    download(fileName, text);
    useNotices.getState().push({ kind: 'success', title: 'Exported', message: `Downloaded ${fileName}` });
    return true;
  } catch (error) {
    notifyError(`Could not export “${name}”`, errorInfo(error));
    return false;
  }
}

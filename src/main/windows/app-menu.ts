import { BrowserWindow, dialog, Menu } from 'electron'
import { toErrorInfo } from '../../shared/domain/errors'
import { IMAGE_EXTENSIONS } from '../ingest/image-type'
import type { Workstation } from '../services/workstation'
import { menuTemplate, shellText } from './menu-template'

const DIALOG_EXTENSIONS = IMAGE_EXTENSIONS.map((e) => e.slice(1))

/** File → Open images… / Import folder…: main shows the dialog and imports the paths itself (no path crosses IPC). */
async function importFromDialog(ws: Workstation, folders: boolean): Promise<void> {
  const text = shellText(ws.store.settings.get().language)
  const win = BrowserWindow.getFocusedWindow()
  const options: Electron.OpenDialogOptions = folders
    ? { properties: ['openDirectory', 'multiSelections'] }
    : { properties: ['openFile', 'multiSelections'], filters: [{ name: text.imageFilter, extensions: DIALOG_EXTENSIONS }] }
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  if (picked.canceled || picked.filePaths.length === 0) return
  await importAndReport(ws, picked.filePaths)
}

/** Import paths chosen outside the window (a dialog, the file manager's "Open with") and say which were refused. */
export async function importAndReport(ws: Workstation, paths: readonly string[]): Promise<void> {
  const report = await ws.documents.importPaths(paths)
  if (report.failed.length) {
    const text = shellText(ws.store.settings.get().language)
    dialog.showErrorBox(text.notImported, report.failed.map((f) => `${f.fileName}: ${f.error.code} ${f.error.message}`).join('\n'))
  }
}

/** Install the application menu in the interface's language, and rebuild it when the language changes. */
export function installAppMenu(ws: Workstation): () => void {
  const run = (folders: boolean): void => {
    importFromDialog(ws, folders).catch((err: unknown) =>
      dialog.showErrorBox(shellText(ws.store.settings.get().language).importFailed, toErrorInfo(err).message)
    )
  }
  let language = ws.store.settings.get().language
  const build = (): void => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, process.platform, run)))
  build()
  return ws.events.on('settings:changed', (s) => {
    if (s.language === language) return
    language = s.language
    build()
  })
}

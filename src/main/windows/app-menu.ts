import { BrowserWindow, dialog, Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import { toErrorInfo } from '../../shared/domain/errors'
import type { Workstation } from '../services/workstation'

const IMAGE_FILTER = { name: 'Passport images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'bmp'] }

/** File → Open images… / Import folder…: main shows the dialog and imports the paths itself (no path crosses IPC). */
async function importFromDialog(ws: Workstation, folders: boolean): Promise<void> {
  const win = BrowserWindow.getFocusedWindow()
  const options: Electron.OpenDialogOptions = folders
    ? { properties: ['openDirectory', 'multiSelections'] }
    : { properties: ['openFile', 'multiSelections'], filters: [IMAGE_FILTER] }
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  if (picked.canceled || picked.filePaths.length === 0) return
  const report = await ws.documents.importPaths(picked.filePaths)
  if (report.failed.length) {
    dialog.showErrorBox(
      'Some files were not imported',
      report.failed.map((f) => `${f.fileName}: ${f.error.code} ${f.error.message}`).join('\n')
    )
  }
}

/** The application menu; the standard roles keep copy/paste and window shortcuts working. */
export function installAppMenu(ws: Workstation): void {
  const run = (folders: boolean) => (): void => {
    importFromDialog(ws, folders).catch((err: unknown) => dialog.showErrorBox('Import failed', toErrorInfo(err).message))
  }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open images…', accelerator: 'CmdOrCtrl+O', click: run(false) },
        { label: 'Import folder…', accelerator: 'CmdOrCtrl+Shift+O', click: run(true) },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' }
      ]
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

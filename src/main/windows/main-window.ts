import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_ORIGIN } from '../security/app-protocol'

/** The one window: the queue and review screens live in it. */
export function createMainWindow(preloadDir: string, devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Passport Review Workstation',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      // Checklist 2–4: isolated, sandboxed renderer without Node.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

import { BrowserWindow } from 'electron'
import { APP_ORIGIN } from '../security/app-origin'
import { mainWindowOptions, mainWindowUrl } from './main-window-options'

/** The one window: the queue and review screens live in it. */
export function createMainWindow(preloadDir: string, devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadDir))
  win.once('ready-to-show', () => win.show())
  void win.loadURL(mainWindowUrl(APP_ORIGIN, devServerUrl))
  return win
}

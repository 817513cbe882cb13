import { join } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'

/** The main window's options, pure so that the security-relevant ones are tested exactly without Electron. */
export function mainWindowOptions(preloadDir: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // Shown on `ready-to-show`, so the operator never sees an empty frame.
    show: false,
    title: 'Passport Review Workstation',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      // Checklist 2–4: isolated, sandboxed renderer without Node.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Checklist 6 "Do not disable webSecurity", 8 "Do not enable allowRunningInsecureContent", 9 "Do not enable
      // experimental features": stated, so that a changed default can never turn them on.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // The spell checker would download dictionaries from Google.
      spellcheck: false
    }
  }
}

/** The first page the window loads: the dev server during `npm start`, the app's own scheme otherwise. */
export function mainWindowUrl(appOrigin: string, devServerUrl: string | undefined): string {
  return devServerUrl ?? `${appOrigin}/index.html`
}

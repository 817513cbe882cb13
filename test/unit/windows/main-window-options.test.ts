import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainWindowOptions, mainWindowUrl } from '../../../src/main/windows/main-window-options'

describe('the main window', () => {
  it('has an isolated, sandboxed renderer without Node, webviews or insecure content (checklist 2–4, 6, 8, 9, 12)', () => {
    expect(mainWindowOptions('/app/out/preload').webPreferences).toEqual({
      preload: join('/app/out/preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false
    })
  })

  it('opens hidden at a usable size (shown on ready-to-show)', () => {
    const options = mainWindowOptions('/p')
    delete options.webPreferences
    expect(options).toEqual({ width: 1440, height: 900, minWidth: 1024, minHeight: 640, show: false, title: 'Passport Review Workstation' })
  })

  it("loads the app's own page, or the dev server during npm start", () => {
    expect(mainWindowUrl('app://app', undefined)).toBe('app://app/index.html')
    expect(mainWindowUrl('app://app', 'http://localhost:5173')).toBe('http://localhost:5173')
  })
})

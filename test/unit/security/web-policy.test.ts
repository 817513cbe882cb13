import { describe, expect, it } from 'vitest'
import { navigationAllowed, permissionAllowed, windowOpenDecision } from '../../../src/main/security/web-policy'
import type { PermissionRequest } from '../../../src/main/security/web-policy'

const DEV = 'http://localhost:5173'
const camera = (over: Partial<PermissionRequest> = {}): PermissionRequest => ({
  permission: 'media',
  requestingUrl: 'app://app/index.html',
  mediaTypes: ['video'],
  isMainFrame: true,
  ...over
})

describe('navigationAllowed (checklist 13)', () => {
  it("lets a frame move between the app's own pages, and to the dev server only in development", () => {
    expect(navigationAllowed('app://app/index.html', undefined)).toBe(true)
    expect(navigationAllowed('app://app/#/review/4', undefined)).toBe(true)
    expect(navigationAllowed('http://localhost:5173/#/audit', DEV)).toBe(true)
  })

  it('refuses everything else', () => {
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://document/1', 'app://app.evil.example/', 'javascript:alert(1)', 'about:blank', ''])
      expect(navigationAllowed(url, DEV), url).toBe(false)
    expect(navigationAllowed('http://localhost:5173/', undefined)).toBe(false)
  })
})

describe('windowOpenDecision (checklist 14)', () => {
  it('never opens a window in the app; an https link goes to the browser', () => {
    expect(windowOpenDecision('https://example.org/help')).toEqual({ action: 'deny', openExternal: true })
  })

  it('sends nothing else outside: plain http, files, scripts, custom schemes, nonsense', () => {
    for (const url of ['http://example.org/', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'ms-msdt:/id', 'app://app/index.html', 'not a url'])
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternal: false })
  })
})

describe('permissionAllowed (checklist 5): the document camera and nothing else', () => {
  it("grants video capture to the app's own top-level page, packaged or from the dev server", () => {
    expect(permissionAllowed(camera(), undefined)).toBe(true)
    expect(permissionAllowed(camera({ requestingUrl: 'app://app' }), undefined)).toBe(true)
    expect(permissionAllowed(camera({ requestingUrl: 'http://localhost:5173/' }), DEV)).toBe(true)
  })

  it('refuses the microphone, and video asked together with audio', () => {
    expect(permissionAllowed(camera({ mediaTypes: ['audio'] }), undefined)).toBe(false)
    expect(permissionAllowed(camera({ mediaTypes: ['video', 'audio'] }), undefined)).toBe(false)
    expect(permissionAllowed(camera({ mediaTypes: ['unknown'] }), undefined)).toBe(false)
    expect(permissionAllowed(camera({ mediaTypes: [] }), undefined)).toBe(false)
    expect(permissionAllowed(camera({ mediaTypes: undefined }), undefined)).toBe(false)
  })

  it('refuses video to a sub-frame, another origin, and the dev server outside development', () => {
    expect(permissionAllowed(camera({ isMainFrame: false }), undefined)).toBe(false)
    for (const requestingUrl of ['https://example.org/', 'app://document/1', 'file:///tmp/x.html', 'http://localhost:5174/'])
      expect(permissionAllowed(camera({ requestingUrl }), DEV), requestingUrl).toBe(false)
    expect(permissionAllowed(camera({ requestingUrl: 'http://localhost:5173/' }), undefined)).toBe(false)
  })

  it('refuses every other permission, even for our own page', () => {
    for (const permission of [
      'display-capture',
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'openExternal',
      'midiSysex',
      'hid',
      'serial',
      'usb',
      'fileSystem',
      'unknown'
    ])
      expect(permissionAllowed(camera({ permission }), undefined), permission).toBe(false)
  })
})

import { app, shell } from 'electron'
import { isAppUrl } from './app-protocol'

/**
 * Hooks on every web contents, registered once on `web-contents-created` so no window can be created without them.
 * Each names the Electron security checklist item it serves.
 */
export function installGuards(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => {
    // Checklist 13 "Disable or limit navigation": the app never leaves its own pages.
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    // Checklist 14 "Disable or limit creation of new windows": links to the web open in the user's browser, nothing opens here.
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https:')) void shell.openExternal(url)
      return { action: 'deny' }
    })
    // Checklist 12 "Verify WebView options before creation": we use no webview at all.
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // Checklist 5 "Handle session permission requests": camera, notifications, geolocation… are never needed.
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    contents.session.setPermissionCheckHandler(() => false)
  })
}

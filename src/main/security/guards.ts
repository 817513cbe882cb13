import { app, shell } from 'electron'
import { navigationAllowed, permissionAllowed, windowOpenDecision } from './web-policy'

/**
 * Hooks on every web contents, registered once on `web-contents-created` so no window can be created without them.
 * A thin layer: every decision is a pure function in web-policy.ts, where the checklist items are named and tested.
 */
export function installGuards(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuseNavigation = (event: Electron.Event, url: string): void => {
      if (!navigationAllowed(url, devServerUrl)) event.preventDefault()
    }
    contents.on('will-navigate', refuseNavigation)
    contents.on('will-redirect', refuseNavigation)
    contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url))
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url)
      if (decision.openExternal) void shell.openExternal(url)
      return { action: decision.action }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
      callback(permissionAllowed({ permission, requestingUrl: details.requestingUrl, mediaTypes, isMainFrame: details.isMainFrame }, devServerUrl))
    })
    contents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
      permissionAllowed(
        { permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined, isMainFrame: details.isMainFrame },
        devServerUrl
      )
    )
  })
}

import { isAppUrl } from './app-origin'

/**
 * The decisions behind the guards in guards.ts, as pure functions of plain arguments so that each allowed and refused
 * case is unit tested without Electron. Each names the Electron security checklist item it serves.
 */

/** Checklist 13 "Disable or limit navigation": a frame may only go to the app's own pages. */
export function navigationAllowed(url: string, devServerUrl: string | undefined): boolean {
  return isAppUrl(url, devServerUrl)
}

/**
 * Checklist 14 "Disable or limit creation of new windows": nothing opens inside the app; an https link opens in the
 * user's browser (`openExternal`), anything else (file:, javascript:, custom schemes that start programs) goes nowhere.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: boolean } {
  let external = false
  try {
    external = new URL(url).protocol === 'https:'
  } catch {
    external = false
  }
  return { action: 'deny', openExternal: external }
}

/** What a permission request carries that the decision reads (Electron's handler arguments, reduced to plain values). */
export interface PermissionRequest {
  permission: string
  /** The URL of the frame asking: `details.requestingUrl` for a request, `requestingOrigin` for a check. */
  requestingUrl: string
  /** For `media`: what is asked for (`details.mediaTypes` of a request, `[details.mediaType]` of a check). */
  mediaTypes?: readonly string[]
  /** False for a sub-frame: only the app's top-level page may open the camera. */
  isMainFrame: boolean
}

/**
 * Checklist 5 "Handle session permission requests": the document camera (video capture, issue #13) for the app's own
 * top-level page is the one thing granted. Microphone, screen capture, notifications, geolocation, clipboard,
 * fullscreen… and any request from another origin or a sub-frame are refused.
 */
export function permissionAllowed(request: PermissionRequest, devServerUrl: string | undefined): boolean {
  if (request.permission !== 'media' || !request.isMainFrame) return false
  const types = request.mediaTypes ?? []
  if (types.length === 0 || types.some((t) => t !== 'video')) return false
  return isAppUrl(request.requestingUrl, devServerUrl)
}

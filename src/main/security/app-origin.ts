/** The privileged scheme: `app://app/…` is the renderer, `app://document/<id>` a page image. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Is this URL one of the app's own pages (the packaged renderer, or the dev server during `npm start`)? */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url)
    // Compared by scheme and host: WHATWG URL gives every non-special scheme (ours) the opaque origin "null".
    if (u.protocol === `${APP_SCHEME}:` && u.host === 'app') return true
    return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

/** What an `app://` request asks for: a page image by id, a file of the renderer, or nothing we serve. */
export type AppRoute = { kind: 'document'; id: number } | { kind: 'static'; path: string } | { kind: 'refused'; reason: string }

/**
 * Route an `app://` request. Document ids are plain positive integers (no `..`, no encoded tricks); static paths are
 * passed on to `loadStatic`, whose `resolveInside` refuses anything outside the renderer folder.
 */
export function appRoute(url: string): AppRoute {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { kind: 'refused', reason: 'not a URL' }
  }
  if (u.protocol !== `${APP_SCHEME}:`) return { kind: 'refused', reason: `scheme ${u.protocol}` }
  if (u.host === 'document') {
    const id = /^\/([1-9]\d{0,15})$/.exec(u.pathname)
    return id ? { kind: 'document', id: Number(id[1]) } : { kind: 'refused', reason: 'no such document image' }
  }
  if (u.host === 'app') return { kind: 'static', path: u.pathname }
  return { kind: 'refused', reason: `unknown host ${u.host}` }
}

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

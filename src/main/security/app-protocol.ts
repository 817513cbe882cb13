import { protocol } from 'electron'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { displayImage } from '../ingest/display-image'
import { loadStatic } from '../server/static-files'
import type { Workstation } from '../services/workstation'
import { CONTENT_SECURITY_POLICY } from './csp'

/** The privileged scheme: `app://app/…` is the renderer, `app://document/<id>` a page image. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Must run before `ready`. Checklist 18 "Avoid usage of the file:// protocol": the renderer has its own standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Is this URL one of the app's own pages (the packaged renderer, or the dev server during `npm start`)? */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const origin = new URL(url).origin
    return origin === APP_ORIGIN || (devServerUrl !== undefined && origin === new URL(devServerUrl).origin)
  } catch {
    return false
  }
}

const errorResponse = (err: unknown): Response => {
  const { code, message } = toErrorInfo(err)
  return new Response(`${code}: ${message}`, { status: code === 'NOT_FOUND' ? 404 : 500, headers: { 'Content-Type': 'text/plain' } })
}

/** Serve the scheme; paths are resolved with the same traversal checks as the HTTP server's static files. */
export function handleAppProtocol(ws: Workstation, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      const url = new URL(request.url)
      if (url.host === 'document') {
        const id = /^\/(\d+)$/.exec(url.pathname)
        if (!id) throw new AppError('NOT_FOUND', 'no such document image')
        const { bytes, type } = ws.documents.image(Number(id[1]))
        const { body, mimeType } = await displayImage(bytes, type)
        return new Response(new Uint8Array(body), { headers: { 'Content-Type': mimeType } })
      }
      if (url.host !== 'app') throw new AppError('NOT_FOUND', `unknown host ${url.host}`)
      const file = await loadStatic(rendererDir, url.pathname)
      if (!file) throw new AppError('NOT_FOUND', `${url.pathname} not found`)
      return new Response(new Uint8Array(file.body), {
        headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
      })
    } catch (err) {
      return errorResponse(err)
    }
  })
}

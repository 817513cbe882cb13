import { protocol } from 'electron'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { displayImage } from '../ingest/display-image'
import { loadStatic } from '../server/static-files'
import type { Workstation } from '../services/workstation'
import { APP_SCHEME } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

// Pure, so that the IPC sender check is tested without Electron; re-exported for the window and guard code.
export { APP_ORIGIN, APP_SCHEME, isAppUrl } from './app-origin'

/** Must run before `ready`. Checklist 18 "Avoid usage of the file:// protocol": the renderer has its own standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
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

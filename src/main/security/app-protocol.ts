import { protocol } from 'electron'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { displayImage } from '../ingest/display-image'
import { loadStatic } from '../server/static-files'
import type { Workstation } from '../services/workstation'
import { APP_SCHEME, appRoute } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

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
      const route = appRoute(request.url)
      if (route.kind === 'refused') throw new AppError('NOT_FOUND', route.reason)
      if (route.kind === 'document') {
        const { bytes, type } = ws.documents.image(route.id)
        const { body, mimeType } = await displayImage(bytes, type)
        return new Response(new Uint8Array(body), { headers: { 'Content-Type': mimeType } })
      }
      const file = await loadStatic(rendererDir, route.path)
      if (!file) throw new AppError('NOT_FOUND', `${route.path} not found`)
      return new Response(new Uint8Array(file.body), {
        headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
      })
    } catch (err) {
      return errorResponse(err)
    }
  })
}

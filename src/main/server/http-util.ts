import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError } from '../../shared/domain/errors'
import type { ErrorCode } from '../../shared/domain/errors'

/** HTTP status for each stable error code, shared by every route so that a code always maps the same way. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
      return 404
    case 'FILE_TOO_LARGE':
      return 413
    case 'UNAUTHORIZED':
      return 403
    case 'CONFLICT':
      return 409
    case 'BUSY':
      return 503
    case 'TIMEOUT':
      return 504
    case 'DISK_FULL':
      return 507
    case 'INTERNAL':
    case 'ENGINE_CRASHED':
    case 'STORE_CORRUPT':
    case 'AUDIT_BROKEN':
    case 'AUDIT_KEY_INVALID':
    case 'AUDIT_KEY_MISSING':
    case 'MODEL_MISSING':
    case 'MODEL_CORRUPT':
      return 500
    default:
      return 400
  }
}

/** Read a request body, refusing more than `limit` bytes before buffering it all. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      reject(new AppError('FILE_TOO_LARGE', `request body larger than ${limit} bytes`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new AppError('FILE_TOO_LARGE', `request body larger than ${limit} bytes`))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Send a body with the headers every response of ours carries. */
export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...headers
  })
  res.end(body)
}

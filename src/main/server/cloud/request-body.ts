import type { IncomingMessage } from 'node:http'
import { AppError } from '../../../shared/domain/errors'

/**
 * Read an image body of at most `limit` bytes. Unlike the contract's `readBody`, an oversize body does not destroy the
 * socket: we stop keeping it, answer 413, and node discards the rest, so a client still uploading (the SDK sends
 * chunked) reads a proper 413 instead of a connection reset.
 */
export function readImageBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): AppError => new AppError('FILE_TOO_LARGE', `the image is larger than ${limit} bytes`)
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(tooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer): void => {
      size += c.length
      if (size <= limit) {
        chunks.push(c)
        return
      }
      req.off('data', onData)
      chunks.length = 0
      reject(tooLarge())
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

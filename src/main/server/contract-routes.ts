import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_CHANNELS } from '../../shared/contract'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { fromWire, toWire } from '../../shared/wire'
import { displayImage } from '../ingest/display-image'
import { dispatch } from '../services/dispatch'
import type { Workstation } from '../services/workstation'
import { readBody, send } from './http-util'

// Imports carry images as base64 (4/3 larger): room for a drop of a few dozen 10 MB scans per request.
const MAX_API_BODY_BYTES = 256 * 1024 * 1024
// Comment lines keep idle SSE connections from being closed by proxies and let us notice dead clients.
const SSE_HEARTBEAT_MS = 15_000

/** `POST /api/<channel>`: the contract over HTTP; the answer is always the result envelope with status 200. */
export async function handleInvoke(ws: Workstation, channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, 'application/json', toWire({ ok: false, error: { code: 'INVALID_REQUEST', message: 'send application/json' } }))
    return
  }
  let request: unknown
  try {
    const body = await readBody(req, MAX_API_BODY_BYTES)
    request = body.length ? fromWire(body.toString('utf8')) : {}
  } catch (err) {
    const error =
      err instanceof AppError ? err.toJSON() : { code: 'INVALID_REQUEST' as const, message: `malformed JSON: ${toErrorInfo(err).message}` }
    send(res, error.code === 'FILE_TOO_LARGE' ? 413 : 400, 'application/json', toWire({ ok: false, error }))
    return
  }
  send(res, 200, 'application/json; charset=utf-8', toWire(await dispatch(ws.handlers, channel, request)))
}

/** `GET /api/events`: every event of the contract as Server-Sent Events (`event: <channel>`, `data: <json>`). */
export function handleEvents(ws: Workstation, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
  res.write(': connected\n\n')
  const offs = EVENT_CHANNELS.map((event) =>
    ws.events.on(event, (payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`))
  )
  const heartbeat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS)
  req.on('close', () => {
    clearInterval(heartbeat)
    for (const off of offs) off()
  })
}

/** `GET /documents/<id>/image`: the original page image as imported. */
export async function handleImage(ws: Workstation, id: number, res: ServerResponse): Promise<void> {
  const { bytes, type } = ws.documents.image(id)
  const { body, mimeType } = await displayImage(bytes, type)
  // Private, immutable content: the same id always has the same bytes (content is never replaced).
  send(res, 200, mimeType, Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
    'Cache-Control': 'private, max-age=31536000, immutable'
  })
}

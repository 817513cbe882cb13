import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { CONTENT_SECURITY_POLICY } from '../security/csp'
import type { Workstation } from '../services/workstation'
import { RecognizeAction } from './cloud/recognize-action'
import type { CloudActionOptions } from './cloud/recognize-action'
import { handleEvents, handleImage, handleInvoke } from './contract-routes'
import { httpStatusOf, send } from './http-util'
import { loadStatic } from './static-files'

/** Where and what to serve. */
export interface ServerOptions {
  host: string
  port: number
  /** The built renderer (vite's output folder). */
  staticDir: string
  /** The cloud-compatible RecognizeChinesePassport action on `POST /`; absent, the server answers the workstation only. */
  cloud?: CloudActionOptions
  /** A client still sending its headers after this long is cut off (slowloris); default 10 s. */
  headersTimeoutMs?: number
  /** A request still arriving after this long is cut off with 408, whatever its route; default 120 s. */
  requestTimeoutMs?: number
}

// Headers are a few hundred bytes: ten seconds is ample on any network, and bounds what a trickling client holds.
const HEADERS_TIMEOUT_MS = 10_000
// Past the cloud action's own time limit (60 s by default, answered 408 there): a backstop for every other route.
const REQUEST_TIMEOUT_MS = 120_000
// How often node looks for clients past those limits (its default, 30 s, would let a slowloris linger).
const TIMEOUT_CHECK_MS = 1_000

/** A running server. */
export interface RunningServer {
  url: string
  server: Server
  close(): Promise<void>
}

const NO_RENDERER = 'The renderer is not built yet: run `npm run build:web`, then reload.'

/** Browser mode: the renderer and the same contract as the Electron app, over HTTP on one port. */
export async function startServer(ws: Workstation, opts: ServerOptions): Promise<RunningServer> {
  const cloud = opts.cloud && new RecognizeAction(opts.cloud, ws.documents)
  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS
  const limits = {
    headersTimeout,
    requestTimeout: Math.max(opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, headersTimeout),
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, headersTimeout)
  }
  const server = createServer(limits, (req, res) => {
    route(ws, opts, cloud, req, res).catch((err: unknown) => {
      const error = toErrorInfo(err)
      if (!res.headersSent) send(res, httpStatusOf(error.code), 'application/json', JSON.stringify({ ok: false, error }))
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, resolve)
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        // SSE connections never end on their own.
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The workstation's API serves the operator at this PC only, whatever address the server listens on. */
function fromLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.')
}

/** DNS-rebinding guard: a page on another name that resolves to 127.0.0.1 must not reach the API. */
function hostAllowed(req: IncomingMessage, opts: ServerOptions): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return ['127.0.0.1', 'localhost', '::1', opts.host].includes(host)
}

async function route(
  ws: Workstation,
  opts: ServerOptions,
  cloud: RecognizeAction | undefined,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  const path = url.pathname
  // Before the Host check: callers on the network use the server's address; with keys, the signature covers Host.
  if (cloud && path === '/' && req.method === 'POST') return cloud.handle(req, res, url, fromLoopback(req) && hostAllowed(req, opts))
  if (!hostAllowed(req, opts)) throw new AppError('UNAUTHORIZED', 'unexpected Host header')
  // A page of another site (fetch, a module script, a form) names itself in Origin: refused on every route.
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new AppError('UNAUTHORIZED', 'cross-origin requests are refused')
  if (path.startsWith('/api/') || path.startsWith('/documents/')) {
    if (!fromLoopback(req)) throw new AppError('UNAUTHORIZED', 'the workstation API answers this computer only')
  }
  if (path.startsWith('/api/')) {
    if (path === '/api/events' && req.method === 'GET') return handleEvents(ws, req, res)
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'use POST', { Allow: 'POST' })
    return handleInvoke(ws, path.slice('/api/'.length), req, res)
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed', { Allow: 'GET, HEAD' })
  const image = /^\/documents\/(\d+)\/image$/.exec(path)
  if (image) return handleImage(ws, Number(image[1]), res)
  const file = await loadStatic(opts.staticDir, path)
  if (!file) return path === '/' ? send(res, 503, 'text/plain; charset=utf-8', NO_RENDERER) : send(res, 404, 'text/plain', 'not found')
  send(res, 200, file.type, file.body, {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer'
  })
}

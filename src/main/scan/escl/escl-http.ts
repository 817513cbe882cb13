import { request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { AppError } from '../../../shared/domain/errors'
import { scanConfig } from '../scan-config'

/** A device's answer, body read whole (node undoes chunked transfer encoding). */
export interface EsclResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The URL that answered, after redirects: later requests go there. */
  url: URL
}

/** One request. */
export interface EsclRequest {
  method: 'GET' | 'POST' | 'DELETE'
  url: URL
  body?: string
  timeoutMs?: number
  signal?: AbortSignal
}

const REDIRECTS = new Set([301, 302, 307, 308])

/**
 * One HTTP exchange with a scanner the operator chose, following redirects (a 301 to https is common) but never
 * from https back to plain http. Devices' https certificates are self-signed, so they are not checked: the address
 * is the trust here, as in every eSCL client. A connection failure or silence is SCANNER_UNREACHABLE.
 */
export async function esclRequest(r: EsclRequest): Promise<EsclResponse> {
  let url = r.url
  for (let hop = 0; ; hop++) {
    const res = await exchange({ ...r, url })
    if (!REDIRECTS.has(res.status)) return res
    const location = res.headers.location
    if (!location || hop >= scanConfig.escl.maxRedirects)
      throw new AppError('SCANNER_FAILED', `the scanner at ${r.url.origin} redirected ${hop + 1} times without an end`)
    const next = new URL(location, url)
    if (next.protocol !== 'https:' && (url.protocol === 'https:' || next.protocol !== 'http:'))
      throw new AppError('SCANNER_FAILED', `the scanner at ${url.origin} redirected to ${next.protocol} (refused)`)
    url = next
  }
}

function exchange(r: EsclRequest): Promise<EsclResponse> {
  const timeoutMs = r.timeoutMs ?? scanConfig.escl.requestTimeoutMs
  return new Promise((resolve, reject) => {
    if (r.signal?.aborted) return reject(new AppError('CANCELLED', 'the scan was cancelled'))
    const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8')
    const headers: Record<string, string> = {}
    if (body) {
      headers['Content-Type'] = 'text/xml'
      headers['Content-Length'] = String(body.length)
    }
    const options = { method: r.method, headers, timeout: timeoutMs, signal: r.signal }
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > scanConfig.escl.maxPageBytes) {
          req.destroy(new AppError('SCANNER_FAILED', `the scanner sent more than ${scanConfig.escl.maxPageBytes} bytes`))
          return
        }
        chunks.push(c)
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url: r.url }))
      res.on('error', fail)
    }
    const req =
      r.url.protocol === 'https:'
        ? httpsRequest(r.url, { ...options, rejectUnauthorized: false }, onResponse)
        : httpRequest(r.url, options, onResponse)
    function fail(err: unknown): void {
      if (err instanceof AppError) return reject(err)
      if (r.signal?.aborted) return reject(new AppError('CANCELLED', 'the scan was cancelled'))
      const why = err instanceof Error ? err.message : String(err)
      reject(new AppError('SCANNER_UNREACHABLE', `the scanner at ${r.url.origin} cannot be reached: ${why}`))
    }
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)))
    req.on('error', fail)
    req.end(body)
  })
}

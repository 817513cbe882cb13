import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { startServer } from '../../../src/main/server/http-server'
import type { RunningServer } from '../../../src/main/server/http-server'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

// Short limits so that the cut-offs happen within the test; the defaults are 10 s (headers) and 60 s (an upload).
const HEADERS_TIMEOUT_MS = 1000
// Also the time limit of a real recognition, which must hold on a busy two-core machine.
const UPLOAD_TIMEOUT_MS = 8000

let pool: EnginePool
let page: PassportImage
let t: TempStore
let ws: Workstation
let server: RunningServer
let root: string
let port: number

beforeAll(async () => {
  pool = await readyEngine()
  page = await passportImage(4)
  t = tempStore()
  ws = createWorkstation(t.store, pool)
  root = mkdtempSync(join(tmpdir(), 'prw-hostile-'))
  mkdirSync(join(root, 'static'))
  writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>app</title>')
  server = await startServer(ws, {
    host: '127.0.0.1',
    port: 0,
    staticDir: join(root, 'static'),
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    cloud: { recognizer: pool, requestTimeoutMs: UPLOAD_TIMEOUT_MS, log: () => undefined }
  })
  port = Number(new URL(server.url).port)
})
afterAll(async () => {
  await server.close()
  await ws.close()
  await pool.close()
  t.cleanup()
  rmSync(root, { recursive: true, force: true })
})

/** One raw request with any headers (fetch will not send a foreign Host), answered with its status. */
function status(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A socket that sends a request line and then one more header line every `everyMs`, never finishing. */
function trickle(everyMs: number): { socket: Socket; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => undefined)
  socket.write('POST /?Action=RecognizeChinesePassport HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  const timer = setInterval(() => socket.writable && socket.write(`X-Slow-${Date.now()}: a\r\n`), everyMs)
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  void closed.then(() => clearInterval(timer))
  return { socket, closed }
}

const recognizeLocally = async (): Promise<string> => {
  const r = await fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: page.bytes })
  const body = (await r.json()) as { Data?: string; Code?: string }
  return body.Data ? (JSON.parse(body.Data) as { data: { passportNumber: string } }).data.passportNumber : `${r.status} ${body.Code}`
}

describe('hostile clients', () => {
  it('answers 403 to a foreign Host or an Origin on every route', async () => {
    const evilHost = { Host: 'evil.example' }
    const evilOrigin = { Origin: 'http://evil.example' }
    const json = { 'Content-Type': 'application/json' }
    const routes: [string, string, Record<string, string>, Uint8Array?][] = [
      ['GET', '/', {}],
      ['GET', '/documents/1/image', {}],
      ['POST', '/api/settings:get', json, new TextEncoder().encode('{}')],
      ['POST', '/?Action=RecognizeChinesePassport', {}, page.bytes]
    ]
    const seen: number[] = []
    for (const [method, path, headers, body] of routes) {
      seen.push(await status(method, path, { ...headers, ...evilHost }, body))
      seen.push(await status(method, path, { ...headers, ...evilOrigin }, body))
    }
    expect(seen).toEqual(routes.flatMap(() => [403, 403]))
    // The same routes from this computer's own page are served (a missing document is a 404, not a refusal).
    expect(await status('GET', '/', {})).toBe(200)
    expect(await status('GET', '/documents/1/image', {})).toBe(404)
  })

  it('cuts off 200 sockets trickling headers and a 10 MB body sent at 1 KB/s, while a real request is served', async () => {
    const slow = Array.from({ length: 200 }, () => trickle(200))
    // A 10 MB upload that would take almost three hours: 1 KB a second.
    const upload = connect(port, '127.0.0.1')
    upload.on('error', () => undefined)
    upload.write(`POST /?Action=RecognizeChinesePassport HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`)
    const drip = setInterval(() => upload.writable && upload.write(Buffer.alloc(1024, 0xff)), 1000)
    let answer = ''
    upload.on('data', (d: Buffer) => (answer += d.toString('latin1')))
    const uploadClosed = new Promise<void>((resolve) => upload.on('close', () => resolve()))
    try {
      expect(await recognizeLocally()).toBe(page.passportNumber)
      // Bounded waits: every trickling socket is closed by the server past its headers limit, the upload past its own.
      await Promise.all(slow.map((s) => s.closed))
      await uploadClosed
      expect(answer).toMatch(/^HTTP\/1\.1 408 /)
      expect(answer).toContain('"Code":"TIMEOUT"')
      expect(await recognizeLocally()).toBe(page.passportNumber)
    } finally {
      clearInterval(drip)
      upload.destroy()
      for (const s of slow) s.socket.destroy()
    }
  }, 60_000)
})

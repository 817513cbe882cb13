import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { startServer } from '../../../src/main/server/http-server'
import type { RunningServer } from '../../../src/main/server/http-server'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { toWire } from '../../../src/shared/wire'
import { createHttpApi } from '../../../src/renderer/src/lib/http-api'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

let pool: EnginePool
let page: PassportImage
let t: TempStore
let ws: Workstation
let server: RunningServer
let root: string
let staticDir: string

beforeAll(async () => {
  pool = await readyEngine()
  page = await passportImage(2)
})
afterAll(() => pool.close())

beforeEach(async () => {
  t = tempStore()
  ws = createWorkstation(t.store, pool)
  root = mkdtempSync(join(tmpdir(), 'prw-static-'))
  staticDir = join(root, 'static')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(root, 'secret.txt'), 'secret')
  server = await startServer(ws, { host: '127.0.0.1', port: 0, staticDir })
})
afterEach(async () => {
  await server.close()
  await ws.close()
  t.cleanup()
  rmSync(root, { recursive: true, force: true })
})

const post = (channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: toWire(body) })

/** A raw GET, since fetch normalises `..` segments away before they reach the server. */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'GET' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser-mode server', () => {
  it('answers the contract with the result envelope, bytes included', async () => {
    const r = await post('documents:importFiles', { files: [{ fileName: 'a.jpg', bytes: page.bytes }] })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ ok: true, value: { imported: [{ id: 1, fileName: 'a.jpg' }] } })
    await ws.queue.whenIdle()
    expect(await (await post('documents:get', { id: 1 })).json()).toMatchObject({
      ok: true,
      value: { status: 'needs_review', passportNumber: page.passportNumber }
    })
    expect(await (await post('documents:get', { id: 99 })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await (await post('documents:get', { id: -1 })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  })

  it("is what the renderer's HTTP client (derived from the same contract) talks to", async () => {
    const api = createHttpApi(server.url)
    expect(await api.invoke('documents:importFiles', { files: [{ fileName: 'b.jpg', bytes: page.bytes }] })).toMatchObject({
      ok: true,
      value: { imported: [{ id: 1 }] }
    })
    expect(await api.invoke('review:approve', { id: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(api.imageUrl(1)).toBe(`${server.url}/documents/1/image`)
  })

  it('serves the image as imported', async () => {
    await post('documents:importFiles', { files: [{ fileName: 'a.jpg', bytes: page.bytes }] })
    const r = await fetch(`${server.url}/documents/1/image`)
    expect(r.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.compare(Buffer.from(await r.arrayBuffer()), Buffer.from(page.bytes))).toBe(0)
    expect((await fetch(`${server.url}/documents/2/image`)).status).toBe(404)
  })

  it('refuses cross-origin calls, foreign Host headers and non-JSON posts', async () => {
    expect((await post('settings:get', {}, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await post('settings:get', {}, { 'Content-Type': 'text/plain' })).status).toBe(415)
    const viaOtherName = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/api/settings:get`,
        { method: 'POST', headers: { Host: 'evil.example', 'Content-Type': 'application/json' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
      req.on('error', reject)
      req.end('{}')
    })
    expect(viaOtherName).toBe(403)
  })

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const r = await fetch(`${server.url}/review/1`)
    expect(await r.text()).toContain('<title>app</title>')
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'")
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/static/../../secret.txt', '/..%2fsecret.txt'])
      expect(await rawGet(p), p).toBe(404)
  })

  it('streams contract events over SSE', async () => {
    const controller = new AbortController()
    const r = await fetch(`${server.url}/api/events`, { signal: controller.signal })
    const reader = (r.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    ws.events.emit('queue:progress', { done: 1, total: 2, queued: 1, recognizing: 0, failed: 0 })
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toBe(
      'event: queue:progress\ndata: {"done":1,"total":2,"queued":1,"recognizing":0,"failed":0}\n\n'
    )
    controller.abort()
  })
})

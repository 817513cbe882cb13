import { createServer, request } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EnginePool } from '../../../../src/main/recognition/engine-pool'
import { startServer } from '../../../../src/main/server/http-server'
import type { RunningServer } from '../../../../src/main/server/http-server'
import type { CloudActionOptions } from '../../../../src/main/server/cloud/recognize-action'
import { createWorkstation } from '../../../../src/main/services/workstation'
import type { Workstation } from '../../../../src/main/services/workstation'
import { GatedEngine } from '../../helpers/gated-engine'
import { blankPage, passportImage } from '../../helpers/passport-images'
import type { PassportImage } from '../../helpers/passport-images'
import { readyEngine } from '../../helpers/ready-engine'
import { tempStore } from '../../helpers/temp-store'
import type { TempStore } from '../../helpers/temp-store'
import { SdkUtils, sdkClient, sdkError, viaStream, viaUrl } from '../../helpers/cloud-sdk'

const KEYS = { accessKeyId: 'test-id', accessKeySecret: 'test-secret' }

let pool: EnginePool
let page: PassportImage
let other: PassportImage
let blank: Uint8Array
let t: TempStore
let ws: Workstation
let server: RunningServer
let recognizer: GatedEngine
let images: Server
let imagesUrl: string
const logged: string[] = []

async function start(cloud: Partial<CloudActionOptions> = {}): Promise<void> {
  server = await startServer(ws, {
    host: '127.0.0.1',
    port: 0,
    staticDir: '/nonexistent',
    cloud: { recognizer, keys: KEYS, log: (l) => logged.push(l), ...cloud }
  })
}

beforeAll(async () => {
  pool = await readyEngine()
  ;[page, other] = await Promise.all([passportImage(2), passportImage(3)])
  blank = await blankPage()
})
afterAll(() => pool.close())

beforeEach(async () => {
  t = tempStore()
  recognizer = new GatedEngine(pool)
  ws = createWorkstation(t.store, pool)
  logged.length = 0
  // A local image host: an image, redirects to it and to places a download must not go.
  images = createServer((req, res) => {
    const go = (location: string): void => void res.writeHead(302, { Location: location }).end()
    if (req.url === '/a.jpg') res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(page.bytes)
    else if (req.url === '/to-a') go('/a.jpg')
    else if (req.url === '/to-file') go('file:///etc/passwd')
    else if (req.url === '/to-ftp') go('ftp://127.0.0.1/a.png')
    else if (req.url === '/loop') go('/loop')
    else if (req.url === '/huge') res.writeHead(200).end(Buffer.alloc(10 * 1024 * 1024 + 1))
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve))
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`
})
afterEach(async () => {
  recognizer.release()
  await server.close()
  await new Promise((resolve) => images.close(resolve))
  await recognizer.settled()
  await ws.close()
  t.cleanup()
})

describe('RecognizeChinesePassport through the vendor SDK', () => {
  it('answers a stream body with the cloud envelope', async () => {
    await start()
    const r = await viaStream(sdkClient(server.url), page.bytes)
    expect(r.statusCode).toBe(200)
    expect(r.body?.requestId).toMatch(/^[0-9A-F-]{36}$/)
    const data = JSON.parse(r.body?.data ?? '')
    expect(data.data.passportNumber).toBe(page.passportNumber)
    expect(data.figure).toBeUndefined()
  })

  it('downloads a Url, following a redirect', async () => {
    await start()
    const r = await viaUrl(sdkClient(server.url), `${imagesUrl}/to-a`)
    expect(JSON.parse(r.body?.data ?? '').data.passportNumber).toBe(page.passportNumber)
  })

  it("refuses a wrong secret, an unknown key id, a skewed clock, a reused nonce and no signature with the cloud's codes", async () => {
    await start()
    const refused = async (call: Promise<unknown>): Promise<[number, string, string]> => {
      const e = await sdkError(call)
      return [e.statusCode, e.code, e.data.Message]
    }
    expect(await refused(viaStream(sdkClient(server.url, { ...KEYS, accessKeySecret: 'wrong' }), page.bytes))).toEqual([
      400,
      'SignatureDoesNotMatch',
      'Specified signature is not matched with our calculation.'
    ])
    expect(await refused(viaStream(sdkClient(server.url, { ...KEYS, accessKeyId: 'other' }), page.bytes))).toEqual([
      400,
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found.'
    ])
    // The SDK's own signing, with its clock 16 minutes behind (the cloud allows 15) and then with a nonce it reuses.
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const clock = vi.spyOn(SdkUtils, 'getTimestamp').mockReturnValue(sixteenMinutesAgo)
    expect(await refused(viaStream(sdkClient(server.url), page.bytes))).toEqual([
      400,
      'InvalidTimeStamp.Expired',
      'Specified time stamp or date value is expired.'
    ])
    clock.mockRestore()
    const nonce = vi.spyOn(SdkUtils, 'getNonce').mockReturnValue('the-same-nonce-twice')
    expect((await viaStream(sdkClient(server.url), page.bytes)).statusCode).toBe(200)
    expect(await refused(viaStream(sdkClient(server.url), page.bytes))).toEqual([
      400,
      'SignatureNonceUsed',
      'Specified signature nonce was used already.'
    ])
    nonce.mockRestore()
    const unsigned = await fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: page.bytes })
    expect([unsigned.status, ((await unsigned.json()) as { Code: string }).Code]).toEqual([400, 'MissingAuthorization'])
    expect(recognizer.calls).toBe(1)
    expect(logged.join('\n')).toContain('signature does not match')
    // And the SDK, signing as it always does, still passes.
    expect(JSON.parse((await viaStream(sdkClient(server.url), page.bytes)).body?.data ?? '').data.passportNumber).toBe(page.passportNumber)
  })

  it('refuses a replayed request and a body that is not the signed one', async () => {
    await start()
    // Capture one request exactly as the SDK signs it, then play it to the server: once, again, and with another body.
    const captured: { headers: Record<string, string>; url: string; body: Buffer }[] = []
    const spy = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        captured.push({ headers: req.headers as Record<string, string>, url: req.url ?? '', body: Buffer.concat(chunks) })
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve))
    const viaSpy = sdkClient(`http://127.0.0.1:${(spy.address() as AddressInfo).port}`)
    await sdkError(viaStream(viaSpy, page.bytes))
    await sdkError(viaStream(viaSpy, page.bytes))
    await new Promise((resolve) => spy.close(resolve))
    const replay = ({ headers, url }: (typeof captured)[number], b: Buffer): Promise<number> =>
      new Promise((resolve, reject) => {
        const h: Record<string, string> = { ...headers, 'content-length': String(b.length) }
        delete h['transfer-encoding']
        const req = request(`${server.url}${url}`, { method: 'POST', headers: h }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end(b)
      })
    const [first, second] = captured
    expect(await replay(first, first.body)).toBe(200)
    expect(await replay(first, first.body)).toBe(400)
    expect(logged.at(-1)).toContain('nonce was already used')
    expect(await replay(second, Buffer.from(other.bytes))).toBe(400)
    expect(logged.at(-1)).toContain('body does not match')
    expect(recognizer.calls).toBe(1)
  })

  it('answers 413 for an image over 10 MB and 400 for one the engine cannot read', async () => {
    await start()
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(page.bytes.subarray(0, 64))
    const tooBig = await sdkError(viaStream(sdkClient(server.url), big))
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.code).toBe('FILE_TOO_LARGE')
    const unreadable = await sdkError(viaStream(sdkClient(server.url), blank))
    expect(unreadable.statusCode).toBe(400)
    expect(unreadable.code).toBe('NO_PASSPORT_FOUND')
    expect(unreadable.data.Message).toBe('no passport data page (machine-readable zone) was found in the image')
  })

  it('refuses file: URLs, redirects to other schemes, redirect loops and oversize downloads', async () => {
    await start()
    const c = sdkClient(server.url)
    const cases: [string, number, string][] = [
      ['file:///etc/passwd', 400, 'scheme file: is not allowed'],
      [`${imagesUrl}/to-file`, 400, 'scheme file: is not allowed'],
      [`${imagesUrl}/to-ftp`, 400, 'scheme ftp: is not allowed'],
      [`${imagesUrl}/loop`, 400, 'redirected more than'],
      [`${imagesUrl}/missing`, 400, 'HTTP 404'],
      [`${imagesUrl}/huge`, 413, 'larger than'],
      [`http://x.test/${'a'.repeat(2048)}`, 400, 'longer than 2048']
    ]
    for (const [url, status, message] of cases) {
      const e = await sdkError(viaUrl(c, url))
      expect(e.statusCode, url).toBe(status)
      expect(e.data.Message, url).toContain(message)
    }
    expect(recognizer.calls).toBe(0)
  })

  it('adds figure only when OutputFigure is true', async () => {
    await start()
    const c = sdkClient(server.url)
    expect(JSON.parse((await viaStream(c, page.bytes, true)).body?.data ?? '').figure).toHaveLength(1)
    expect(JSON.parse((await viaStream(c, other.bytes, false)).body?.data ?? '').figure).toBeUndefined()
  })

  it('answers 503 with Retry-After once the queue is full, and 504 past the time limit', async () => {
    await start({ maxQueue: 1, requestTimeoutMs: 300 })
    recognizer.hold()
    const c = sdkClient(server.url)
    const first = sdkError(viaStream(c, page.bytes))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const raw = await fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: other.bytes })
    expect(raw.status).toBe(400)
    const busy = await sdkError(viaStream(c, other.bytes))
    expect(busy.statusCode).toBe(503)
    expect(busy.code).toBe('BUSY')
    const timedOut = await first
    expect(timedOut.statusCode).toBe(504)
    expect(timedOut.code).toBe('TIMEOUT')
    // The engine still holds the slot until it is done with the image, so the backlog stays bounded.
    expect((await sdkError(viaStream(c, other.bytes))).statusCode).toBe(503)
    recognizer.release()
    await recognizer.settled()
    // The slot is free again: the next request is admitted, not refused (held past the limit, it times out).
    recognizer.hold()
    expect(await sdkError(viaStream(c, other.bytes))).toMatchObject({ statusCode: 504, code: 'TIMEOUT' })
  })

  it('sends Retry-After on 503', async () => {
    await start({ maxQueue: 1, keys: undefined })
    recognizer.hold()
    const first = fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: page.bytes })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const busy = await fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: other.bytes })
    expect(busy.status).toBe(503)
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await busy.json()).toMatchObject({ Code: 'BUSY', RequestId: expect.any(String) })
    recognizer.release()
    expect((await first).status).toBe(200)
  })
})

describe('RecognizeChinesePassport without keys', () => {
  it('serves local callers without a signature, and refuses browsers and bad parameters', async () => {
    await start({ keys: undefined })
    const post = (query: string, body: Uint8Array | string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`${server.url}/?${query}`, { method: 'POST', body, headers })
    const ok = await post('Action=RecognizeChinesePassport&Version=2021-07-07', page.bytes)
    expect(ok.status).toBe(200)
    const body = (await ok.json()) as { RequestId: string; Data: string }
    expect(JSON.parse(body.Data).data.passportNumber).toBe(page.passportNumber)
    expect((await post('Action=RecognizeChinesePassport', page.bytes, { Origin: 'http://evil.example' })).status).toBe(403)
    expect(await (await post('Action=RecognizeIdcard', page.bytes)).json()).toMatchObject({ Code: 'INVALID_REQUEST' })
    expect((await post('Action=RecognizeChinesePassport&Version=2020-01-01', page.bytes)).status).toBe(400)
    expect((await post('Action=RecognizeChinesePassport&OutputFigure=yes', page.bytes)).status).toBe(400)
    expect((await post('Action=RecognizeChinesePassport', '')).status).toBe(400)
    const both = await post(`Action=RecognizeChinesePassport&Url=${encodeURIComponent(imagesUrl + '/a.jpg')}`, page.bytes)
    expect(await both.json()).toMatchObject({ Code: 'INVALID_REQUEST', Message: expect.stringContaining('not both') })
  })

  it('stores recognised requests for review when asked, marked as coming from the API', async () => {
    await start({ keys: undefined, storeRequests: true })
    const post = (body: Uint8Array): Promise<Response> => fetch(`${server.url}/?Action=RecognizeChinesePassport`, { method: 'POST', body })
    expect((await post(page.bytes)).status).toBe(200)
    expect((await post(page.bytes)).status).toBe(200)
    expect((await post(blank)).status).toBe(400)
    const { items } = ws.documents.list({ limit: 10, offset: 0 })
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ source: 'api', status: 'needs_review', passportNumber: page.passportNumber })
    expect(items[0].fileName).toMatch(/^api-[0-9A-F-]{36}\.jpeg$/)
    expect(recognizer.calls).toBe(3)
    expect(t.store.audit.list({ documentId: items[0].id, limit: 10 }).map((e) => e.type)).toEqual(['recognized', 'imported'])
  })
})

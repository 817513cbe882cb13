import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnginePool } from '../../../../src/main/recognition/engine-pool'
import { startServer } from '../../../../src/main/server/http-server'
import { createWorkstation } from '../../../../src/main/services/workstation'
import { openStore } from '../../../../src/main/store'
import { blankPage, passportImage } from '../../helpers/passport-images'
import type { PassportImage } from '../../helpers/passport-images'
import { sdkClient, sdkError, viaStream, viaUrl } from '../../helpers/cloud-sdk'

const KEYS = { accessKeyId: 'test-id', accessKeySecret: 'test-secret' }
const REQUESTS = 100

/** Every file under a folder, with its path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

let root: string
let temp: string
let savedTmp: string | undefined
let pool: EnginePool
let pages: PassportImage[]
let blank: Uint8Array
let images: Server
let imagesUrl: string
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'prw-minimise-'))
  // A temporary folder of this test's own, set before the engine's workers start (they and libvips read TMPDIR):
  // any temporary file the server, the download or the decoder leaves behind would show up in it.
  temp = join(root, 'tmp')
  mkdirSync(temp)
  savedTmp = process.env.TMPDIR
  process.env.TMPDIR = temp
  pool = new EnginePool({ workers: 1 })
  pages = await Promise.all([7, 8, 9, 10].map((seed) => passportImage(seed)))
  blank = await blankPage()
  // Models loaded before the count starts: onnxruntime leaves two files of its own at load (an empty mat-debug-PID.log
  // and a .ses session id), and tsx its compile cache; none of them is made by a request.
  await pool.recognize(blank).catch(() => undefined)
  images = createServer((req, res) => {
    const i = Number(/^\/(\d)\.jpg$/.exec(req.url ?? '')?.[1] ?? NaN)
    if (pages[i]) res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(pages[i].bytes)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve))
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => images.close(resolve))
  await pool.close()
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  rmSync(root, { recursive: true, force: true })
})

describe('minimisation: the API with storage off', () => {
  it(`answers ${REQUESTS} requests and keeps no row, no image and no temporary file`, async () => {
    const data = join(root, 'data')
    mkdirSync(data)
    const store = openStore(join(data, 'workstation.sqlite'))
    const ws = createWorkstation(store, pool)
    const server = await startServer(ws, {
      host: '127.0.0.1',
      port: 0,
      staticDir: '/nonexistent',
      cloud: { recognizer: pool, keys: KEYS, storeRequests: false, log: () => undefined }
    })
    const filesBefore = filesUnder(data)
    const tempBefore = filesUnder(temp)
    const client = sdkClient(server.url)
    const outcomes = new Map<string, number>()
    const count = (what: string): void => void outcomes.set(what, (outcomes.get(what) ?? 0) + 1)
    try {
      // Recognised pages by body and by Url, pages with no passport, bytes that are no image, and refused signatures.
      for (let i = 0; i < REQUESTS; i++) {
        const page = pages[i % pages.length]
        // Of each ten: 2 recognitions, 2 pages with no passport, 3 files that are no image, 3 refused signatures.
        const kind = [0, 1, 2, 2, 3, 3, 3, 4, 4, 4][i % 10]
        if (kind === 0 || kind === 1) {
          const r = kind === 0 ? await viaStream(client, page.bytes) : await viaUrl(client, `${imagesUrl}/${i % pages.length}.jpg`)
          expect(JSON.parse(r.body?.data ?? '').data.passportNumber).toBe(page.passportNumber)
          count('recognised')
        } else if (kind === 2) {
          expect((await sdkError(viaStream(client, blank))).code).toBe('NO_PASSPORT_FOUND')
          count('no passport')
        } else if (kind === 3) {
          expect((await sdkError(viaStream(client, page.bytes.subarray(0, 4000)))).statusCode).toBe(400)
          count('not an image')
        } else {
          const e = await sdkError(viaStream(sdkClient(server.url, { ...KEYS, accessKeySecret: 'wrong' }), page.bytes))
          expect([e.statusCode, e.code]).toEqual([400, 'SignatureDoesNotMatch'])
          count('refused')
        }
      }
    } finally {
      await server.close()
    }
    process.stdout.write(`[minimise] ${REQUESTS} requests: ${JSON.stringify(Object.fromEntries(outcomes))}\n`)

    const rows = (table: string): number => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    expect(rows('documents')).toBe(0)
    expect(rows('audit_events')).toBe(0)
    expect(rows('audit_personal')).toBe(0)
    await ws.close()
    expect(filesUnder(temp).filter((f) => !tempBefore.includes(f))).toEqual([])
    // The data folder holds what it held before (the database, its WAL, the key and checkpoint), nothing added.
    expect(filesUnder(data).filter((f) => !filesBefore.includes(f) && !/\.sqlite-(wal|shm)$/.test(f))).toEqual([])
    // And none of what was sent: no passport number, no run of image bytes, in any file there.
    for (const f of filesUnder(data)) {
      const bytes = readFileSync(join(data, f))
      for (const page of pages) {
        expect(bytes.includes(Buffer.from(page.passportNumber)), `${f}: ${page.passportNumber}`).toBe(false)
        expect(bytes.includes(Buffer.from(page.bytes.subarray(2000, 2064))), `${f}: image bytes`).toBe(false)
      }
    }
  })
})

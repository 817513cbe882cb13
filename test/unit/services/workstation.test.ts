import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EventContract, ImportReport } from '../../../src/shared/contract'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation, WorkstationOptions } from '../../../src/main/services/workstation'
import { dispatch } from '../../../src/main/services/dispatch'
import { imagesPdf } from '../../fixtures/page-files'
import { blankPage, passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'
import { MRZ_READER_DEFAULTS, SCAN_DEFAULTS } from '../helpers/scan-defaults'

// The real engine in its recognition process, as `npm run serve` and the app run it: one worker, shared by the file's tests.
let pool: EnginePool
let pages: PassportImage[]
let blank: Uint8Array
let t: TempStore
let ws: Workstation
const progress: EventContract['queue:progress'][] = []

beforeAll(async () => {
  pool = await readyEngine()
  pages = await Promise.all([1, 2, 3].map((seed) => passportImage(seed)))
  blank = await blankPage()
})
afterAll(() => pool.close())

function open(opts: WorkstationOptions = {}): Workstation {
  ws = createWorkstation(t.store, pool, opts)
  ws.events.on('queue:progress', (p) => progress.push(p))
  return ws
}

beforeEach(() => {
  t = tempStore()
  progress.length = 0
  open()
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
})

const file = (p: PassportImage): { fileName: string; bytes: Uint8Array } => ({ fileName: p.fileName, bytes: p.bytes })

/** Resolves when the next document reaches `status`. */
const nextDocument = (status: string): Promise<number> =>
  new Promise((resolve) => {
    const off = ws.events.on('documents:changed', (e) => {
      if (e.status !== status) return
      off()
      resolve(e.id)
    })
  })

describe('import and the recognition queue', () => {
  it('imports each page of a PDF as a document of its own, and a damaged PDF fails alone', async () => {
    const [a, b, c] = pages
    const pdf = imagesPdf([a.bytes, b.bytes])
    const result = await dispatch(ws.handlers, 'documents:importFiles', {
      files: [
        { fileName: 'scan.pdf', bytes: pdf },
        { fileName: 'cut.pdf', bytes: pdf.subarray(0, 400) },
        { fileName: c.fileName, bytes: c.bytes }
      ]
    })
    if (!result.ok) throw new Error(result.error.message)
    const report = result.value as ImportReport
    expect(report.imported.map((d) => d.fileName)).toEqual(['scan.pdf#page=1', 'scan.pdf#page=2', c.fileName])
    expect(report.failed.map((f) => [f.fileName, f.error.code])).toEqual([['cut.pdf', 'CORRUPT_IMAGE']])
    expect(report.imported.map((d) => [d.source, d.hasImage])).toEqual([
      ['import', true],
      ['import', true],
      ['import', true]
    ])
    await ws.queue.whenIdle()
    const read = report.imported.map((d) => ws.documents.get(d.id)).map((d) => [d.status, d.passportNumber])
    expect(read).toEqual([a, b, c].map((p) => ['needs_review', p.passportNumber]))
    // The same PDF again, from disk as the hot folder and File → Open read it, is the same two pages: duplicates.
    const dir = mkdtempSync(join(tmpdir(), 'prw-pdf-'))
    writeFileSync(join(dir, 'scan-again.pdf'), pdf)
    const again = await ws.documents.importPaths([dir])
    rmSync(dir, { recursive: true, force: true })
    expect(again.duplicates.map((d) => d.fileName)).toEqual(['scan-again.pdf#page=1', 'scan-again.pdf#page=2'])
    expect([again.imported.length, again.failed.length]).toEqual([0, 0])
  })

  it("records the document camera's captures as such", async () => {
    const r = await dispatch(ws.handlers, 'documents:importFiles', { files: [file(pages[0])], source: 'camera' })
    if (!r.ok) throw new Error(r.error.message)
    const id = (r.value as ImportReport).imported[0].id
    expect(ws.documents.get(id).source).toBe('camera')
    expect(t.store.audit.list({ documentId: id, limit: 5 }).find((e) => e.type === 'imported')?.detail).toMatch(/"source":"camera"/)
    expect(await dispatch(ws.handlers, 'documents:importFiles', { files: [file(pages[1])], source: 'mrz-reader' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
  })

  it('imports once per content, refuses non-images, and keeps the image, its hash and the engine answer', async () => {
    const [a, b] = pages
    const report = ws.documents.importFiles([file(a), file(b), file(a), { fileName: 'notes.txt', bytes: new Uint8Array([1, 2, 3]) }])
    expect(report.imported.map((d) => d.fileName)).toEqual([a.fileName, b.fileName])
    expect(report.duplicates).toEqual([{ fileName: a.fileName, existingId: 1 }])
    expect(report.failed[0]).toMatchObject({ fileName: 'notes.txt', error: { code: 'UNSUPPORTED_FORMAT' } })
    await ws.queue.whenIdle()
    const doc = ws.documents.get(1)
    expect(doc).toMatchObject({ status: 'needs_review', passportNumber: a.passportNumber, name: a.name })
    expect(doc.sha256).toBe(createHash('sha256').update(a.bytes).digest('hex'))
    expect(Buffer.compare(t.store.documents.getBytes(1) ?? Buffer.alloc(0), Buffer.from(a.bytes))).toBe(0)
    // The raw answer is kept whole (validation included) and the engine is deterministic: reading again gives the same.
    expect(doc.response).toEqual(await pool.recognize(a.bytes, { outputFigure: true }))
    expect(doc.algoVersion).toBe(doc.response?.algo_version)
    expect(doc.algoVersion).toMatch(/det:\w+;rec:\w+;cls:\w+/)
    expect(doc.fields).toEqual(doc.response?.data)
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, failed: 0, queued: 0, recognizing: 0 })
    expect(t.store.audit.list({ documentId: 1, limit: 10 }).map((e) => e.type)).toEqual(['recognized', 'imported'])
  })

  it('records failures with their code and retries them', async () => {
    ws.documents.importFiles([{ fileName: 'blank.png', bytes: blank }])
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'failed', errorCode: 'NO_PASSPORT_FOUND' })
    const failedAt = ws.documents.get(1).updatedAt
    expect(ws.queue.retry()).toBe(1)
    expect(ws.documents.get(1).status).toBe('recognizing')
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'failed', errorCode: 'NO_PASSPORT_FOUND' })
    expect(ws.documents.get(1).updatedAt > failedAt).toBe(true)
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1, failed: 1 })
  })

  it('cancels queued and running work', async () => {
    ws.documents.importFiles(pages.map(file))
    // Two are handed to the engine at once, the third waits in the database.
    expect(ws.queue.progress()).toMatchObject({ recognizing: 2, queued: 1, total: 3 })
    expect(ws.queue.cancel()).toBe(3)
    await ws.queue.whenIdle()
    expect(t.store.documents.counts()).toMatchObject({ failed: 3, needs_review: 0 })
    expect(ws.documents.get(1)).toMatchObject({ errorCode: 'CANCELLED' })
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, failed: 3 })
    expect(t.store.audit.list({ type: 'recognized', limit: 10 })).toEqual([])
  })

  it('resumes a batch interrupted by a shutdown, from the SQLite file', async () => {
    await ws.close()
    t.reopen()
    open({ concurrency: 1 })
    const firstDone = nextDocument('needs_review')
    ws.documents.importFiles(pages.map(file))
    expect(await firstDone).toBe(1)
    // Mid-batch: the second page is with the engine, the third waits. The services stop and the file is closed.
    expect(t.store.documents.counts()).toMatchObject({ needs_review: 1, recognizing: 1, queued: 1 })
    await ws.close()
    const store = t.reopen()
    expect(store.documents.counts()).toMatchObject({ needs_review: 1, recognizing: 0, queued: 2 })
    progress.length = 0
    open({ concurrency: 1 })
    await ws.queue.whenIdle()
    expect(store.documents.counts()).toMatchObject({ needs_review: 3, queued: 0 })
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 })
    // The interrupted page's answer was dropped with the old services: each page is recognized exactly once.
    expect(
      store.audit
        .list({ type: 'recognized', limit: 10 })
        .map((e) => e.documentId)
        .sort()
    ).toEqual([1, 2, 3])
  })

  it('fails a document whose recognition exceeds the time limit with TIMEOUT', async () => {
    await ws.close()
    t.reopen()
    // A real page takes about a second to read: a one-millisecond limit is always exceeded.
    open({ timeoutMs: 1 })
    ws.documents.importFiles([file(pages[0])])
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'failed', errorCode: 'TIMEOUT' })
  })
})

describe('the queue list', () => {
  it('counts by status and finds documents by passport number, name, Latin name or file name', async () => {
    ws.documents.importFiles([...pages.map(file), { fileName: 'blank.png', bytes: blank }])
    await ws.queue.whenIdle()
    const list = async (q: object): Promise<string[]> => {
      const r = await dispatch(ws.handlers, 'documents:list', q)
      if (!r.ok) throw new Error(r.error.message)
      return (r.value as { items: { fileName: string }[] }).items.map((d) => d.fileName)
    }
    const [a, b] = pages
    const nameEn = ws.documents.get(1).fields.nameEn
    expect(await list({ search: a.passportNumber.toLowerCase() })).toEqual([a.fileName])
    expect(await list({ search: b.name })).toEqual([b.fileName])
    expect(await list({ search: nameEn.split(',')[0].toLowerCase() })).toEqual([a.fileName])
    expect(await list({ search: 'blank' })).toEqual(['blank.png'])
    expect(await list({ status: 'failed' })).toEqual(['blank.png'])
    const all = await dispatch(ws.handlers, 'documents:list', {})
    expect(all).toMatchObject({ ok: true, value: { total: 4, counts: { needs_review: 3, failed: 1, queued: 0, approved: 0 } } })
  })
})

describe('review', () => {
  beforeEach(async () => {
    ws.documents.importFiles(pages.slice(0, 2).map(file))
    await ws.queue.whenIdle()
  })

  it('validates and normalises edits, auditing old and new values, and always takes back the engine reading', async () => {
    const read = ws.documents.get(1).fields.passportNumber
    const r = await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'passportNumber', value: ' e12345678 ' })
    expect(r).toMatchObject({ ok: true, value: { passportNumber: 'E12345678' } })
    expect(await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'birthDate', value: '1990.02.30' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'birthDate: DATE_INVALID' }
    })
    expect(await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'passportNumber', value: read })).toMatchObject({
      ok: true,
      value: { passportNumber: read }
    })
    const edits = t.store.audit.list({ type: 'field_edited', limit: 10 })
    expect(edits.map((e) => [e.field, e.oldValue, e.newValue, e.operator])).toEqual([
      ['passportNumber', 'E12345678', read, 'unnamed'],
      ['passportNumber', read, 'E12345678', 'unnamed']
    ])
  })

  it("keeps the engine's MRZ corrections the operator accepted with the document, until it is recognised again", async () => {
    const read = ws.documents.get(1).response!
    const corrected = {
      ...read,
      validation: {
        ...read.validation,
        corrections: [
          {
            line: 2 as const,
            position: 3,
            read: 'O',
            corrected: read.data.mrzLine2[3],
            reason: 'checkDigit' as const,
            check: 'passportNumber' as const
          }
        ]
      }
    }
    t.store.documents.setRecognized(1, corrected)
    const accept = (line: 'mrzLine1' | 'mrzLine2', index: number, accepted = true): ReturnType<typeof dispatch> =>
      dispatch(ws.handlers, 'review:acceptCorrection', { id: 1, line, index, accepted })
    expect(await accept('mrzLine2', 0)).toMatchObject({ ok: true, value: { acceptedCorrections: ['mrzLine2:0'] } })
    expect(ws.documents.get(1).acceptedCorrections).toEqual(['mrzLine2:0'])
    // Only a correction the reading has; taking it back leaves none kept.
    expect(await accept('mrzLine2', 1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await accept('mrzLine1', 0)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await accept('mrzLine2', 0, false)).toMatchObject({ ok: true, value: { acceptedCorrections: [] } })
    await accept('mrzLine2', 0)
    // A new reading starts afresh; a decided document takes no more.
    t.store.documents.setRecognized(1, corrected)
    expect(ws.documents.get(1).acceptedCorrections).toEqual([])
    await dispatch(ws.handlers, 'settings:update', { operatorName: '李雷' })
    await dispatch(ws.handlers, 'review:approve', { id: 1 })
    expect(await accept('mrzLine2', 0)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('needs an operator name to approve, then locks the document and flags a repeated passport number', async () => {
    expect(await dispatch(ws.handlers, 'review:approve', { id: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    await dispatch(ws.handlers, 'settings:update', { operatorName: '李雷' })
    expect(await dispatch(ws.handlers, 'review:approve', { id: 1 })).toMatchObject({
      ok: true,
      value: { status: 'approved', operator: '李雷' }
    })
    expect(await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'name', value: '李四' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    })
    await dispatch(ws.handlers, 'review:saveField', { id: 2, key: 'passportNumber', value: pages[0].passportNumber })
    expect(ws.documents.get(2).duplicateOf).toBe(1)
    expect(await dispatch(ws.handlers, 'review:reject', { id: 2, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
    expect(await dispatch(ws.handlers, 'review:reject', { id: 2, reason: 'duplicate' })).toMatchObject({
      ok: true,
      value: { status: 'rejected', rejectReason: 'duplicate', operator: '李雷' }
    })
    expect(t.store.audit.list({ documentId: 2, type: 'rejected', limit: 1 })[0]).toMatchObject({ reason: 'duplicate', operator: '李雷' })
  })

  it('warns when a newly imported passport was already approved', async () => {
    await dispatch(ws.handlers, 'settings:update', { operatorName: '李雷' })
    await dispatch(ws.handlers, 'review:approve', { id: 1 })
    // The same holder photographed again: another image, so not a duplicate import, but the same passport number.
    const again = await passportImage(1, 'scan')
    expect(ws.documents.importFiles([file(again)]).imported).toHaveLength(1)
    await ws.queue.whenIdle()
    expect(ws.documents.get(3)).toMatchObject({ status: 'needs_review', passportNumber: pages[0].passportNumber, duplicateOf: 1 })
    expect(ws.documents.get(2).duplicateOf).toBeNull()
  })

  it('exports CSV with a BOM and JSON in the cloud shape with corrected values, each audited', async () => {
    await dispatch(ws.handlers, 'settings:update', { operatorName: '李雷' })
    await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'name', value: '王大明' })
    await dispatch(ws.handlers, 'review:approve', { id: 1 })
    const doc = ws.documents.get(1)
    const csv = await dispatch(ws.handlers, 'export:csv', {})
    if (!csv.ok) throw new Error(csv.error.message)
    const { content, count } = csv.value as { content: string; count: number }
    expect(count).toBe(1)
    expect(content.startsWith('\uFEFFid,fileName,passportType,')).toBe(true)
    const [, row, end] = content.split('\r\n')
    expect(end).toBe('')
    const f = doc.fields
    expect(row).toBe(
      [1, doc.fileName, f.passportType, f.countryCode, f.passportNumber, f.nameEn, '王大明', f.sex, f.birthPlace, f.nationality]
        .concat([f.issuePlace, f.issueAuthority, f.mrzLine1, f.mrzLine2, f.validToDate, f.birthDate, f.issueDate])
        .concat(['approved', '李雷', doc.createdAt, doc.recognizedAt ?? '', doc.reviewedAt ?? ''])
        .map((v) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v))
        .join(',')
    )
    const json = await dispatch(ws.handlers, 'export:json', { ids: [1, 2] })
    if (!json.ok) throw new Error(json.error.message)
    const objects = JSON.parse((json.value as { content: string }).content) as {
      data: { name: string }
      prism_keyValueInfo: { key: string; value: string; valueProb: number }[]
    }[]
    expect(objects.map((o) => o.data.name)).toEqual(['王大明', pages[1].name])
    expect(objects[0].prism_keyValueInfo.find((k) => k.key === 'name')).toMatchObject({ value: '王大明', valueProb: 100 })
    expect(objects[0]).not.toHaveProperty('validation')
    const exports = t.store.audit.list({ type: 'exported', limit: 10 })
    expect(exports.map((e) => JSON.parse(e.detail ?? '{}'))).toMatchObject([
      { format: 'json', count: 2, ids: [1, 2] },
      { format: 'csv', count: 1, ids: [1] }
    ])
    expect(exports.every((e) => e.operator === '李雷' && e.documentId === null)).toBe(true)
  })

  it('deletes a document but keeps its history', async () => {
    expect(await dispatch(ws.handlers, 'documents:delete', { id: 2 })).toEqual({ ok: true, value: { deleted: 1 } })
    expect(await dispatch(ws.handlers, 'documents:get', { id: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(t.store.audit.list({ documentId: 2, limit: 10 }).map((e) => e.type)).toEqual(['deleted', 'recognized', 'imported'])
  })
})

describe('settings', () => {
  it('saves the operator and language and tells every window (and the menu)', async () => {
    const seen: unknown[] = []
    ws.events.on('settings:changed', (s) => seen.push(s))
    expect(await dispatch(ws.handlers, 'settings:update', { operatorName: ' 李雷 ', language: 'en' })).toEqual({
      ok: true,
      value: { operatorName: '李雷', hotFolder: '', language: 'en', ...SCAN_DEFAULTS, ...MRZ_READER_DEFAULTS }
    })
    expect(seen).toEqual([{ operatorName: '李雷', hotFolder: '', language: 'en', ...SCAN_DEFAULTS, ...MRZ_READER_DEFAULTS }])
    expect(await dispatch(ws.handlers, 'settings:update', { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
    expect(seen).toHaveLength(1)
  })
})

describe('dispatch', () => {
  it('refuses unknown channels and malformed requests with stable codes', async () => {
    expect(await dispatch(ws.handlers, 'fs:readFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch(ws.handlers, 'documents:get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await dispatch(ws.handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch(ws.handlers, 'documents:list', { search: 'p1' })).toMatchObject({
      ok: true,
      value: { total: 0, counts: { queued: 0 } }
    })
  })
})

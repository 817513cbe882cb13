/**
 * An MRZ-only document settled by the page image of the same passport arriving later, from every source a page
 * comes from, with the real engine reading generated pages and the reader's lines made from each page's truth.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MrzReadResult } from '../../../src/shared/contract'
import type { DocumentDetail } from '../../../src/shared/domain/document'
import { computeFlags } from '../../../src/shared/domain/field-flags'
import type { FieldFlags } from '../../../src/shared/domain/field-flags'
import { withReaderFlags } from '../../../src/shared/domain/reader-mrz'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { EsclSource } from '../../../src/main/scan/escl/escl-source'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { startEsclFixture } from '../../fixtures/escl/escl-fixture'
import { td1Zone, td2Zone } from '../helpers/card-zones'
import type { CardInput } from '../helpers/card-zones'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

let pool: EnginePool
let page: PassportImage
let t: TempStore
let ws: Workstation
beforeAll(async () => {
  pool = await readyEngine()
  page = await passportImage(4)
})
afterAll(() => pool.close())
beforeEach(() => {
  t = tempStore()
  ws = createWorkstation(t.store, pool, { scanSources: [new EsclSource({ discover: () => Promise.resolve([]) })] })
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
})

async function call<T>(channel: Parameters<typeof dispatch>[1], request: unknown): Promise<T> {
  const r = await dispatch(ws.handlers, channel, request)
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
  return r.value as T
}
const swipe = (lines: readonly string[]): Promise<MrzReadResult> => call('mrzReader:submit', { text: lines.join('\n'), via: 'keyboard' })
const flagsOf = (d: DocumentDetail): FieldFlags => withReaderFlags(computeFlags(d.fields, d.response), d.fields, d.readerMrz)
const listed = (): number[] => ws.documents.list({ limit: 50, offset: 0 }).items.map((d) => d.id)
const mergedEvents = (id: number): { detail: unknown; operator: string }[] =>
  t.store.audit
    .list({ documentId: id, type: 'merged', limit: 10 })
    .map((e) => ({ detail: JSON.parse(e.detail ?? 'null') as unknown, operator: e.operator }))

/** Import the page as the operator does and wait for the engine; its id. */
async function importPage(source: 'import' | 'camera' = 'import'): Promise<number> {
  const r = await call<{ imported: { id: number }[] }>('documents:importFiles', {
    files: [{ fileName: page.fileName, bytes: page.bytes }],
    source
  })
  await ws.queue.whenIdle()
  return r.imported[0].id
}

/** The checks every settled pair passes: one document listed and counted, the reader's read on the page, audited. */
function expectSettled(readerId: number, pageId: number): void {
  const reader = ws.documents.get(readerId)
  const pageDoc = ws.documents.get(pageId)
  expect(pageDoc).toMatchObject({ status: 'needs_review', hasImage: true, passportNumber: page.passportNumber })
  expect(pageDoc.readerMrz?.lines).toEqual(page.mrz)
  expect(pageDoc.readerCheck).toBe(
    pageDoc.fields.mrzLine1 === page.mrz[0] && pageDoc.fields.mrzLine2 === page.mrz[1] ? 'agrees' : 'differs'
  )
  // Retired, not deleted: linked to the page, kept whole, out of the queue and its counts.
  expect(reader).toMatchObject({ mergedInto: pageId, status: 'needs_review', source: 'mrz-reader' })
  expect(reader.readerMrz?.lines).toEqual(page.mrz)
  expect(listed()).toEqual([pageId])
  expect(ws.documents.list({ limit: 50, offset: 0 }).counts).toMatchObject({ needs_review: 1 })
  expect(mergedEvents(readerId)).toEqual([{ detail: { into: pageId, kept: false }, operator: 'system' }])
  expect(t.store.verifyAudit()).toMatchObject({ ok: true })
}

describe('an MRZ-only document settled by the page of the same passport', () => {
  it('reader first, page imported: the page carries the check, the reader document is retired and never exported', async () => {
    const read = await swipe(page.mrz)
    expect(read.outcome).toBe('created')
    const pageId = await importPage()
    expectSettled(read.id, pageId)
    // The same lines: nothing on the page differs from the reader's read.
    const pageDoc = ws.documents.get(pageId)
    const flags = flagsOf(pageDoc)
    expect(pageDoc.readerCheck).toBe('agrees')
    expect(flags.mrzLine1.concat(flags.mrzLine2).filter((f) => f.code.startsWith('READER_'))).toEqual([])
    // The retired document is the page's now: it cannot be edited or decided on its own.
    await call('settings:update', { operatorName: 'anna' })
    await expect(call('review:saveField', { id: read.id, key: 'nameEn', value: 'X' })).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(call('review:approve', { id: read.id })).rejects.toMatchObject({ code: 'CONFLICT' })
    await call('review:approve', { id: pageId })
    const csv = await call<{ count: number; content: string }>('export:csv', {})
    expect(csv.count).toBe(1)
    await expect(call('export:csv', { ids: [read.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // A swipe of the passport again is the same read, already settled.
    expect(await swipe(page.mrz)).toMatchObject({ outcome: 'checked', id: pageId, agrees: true })
    expect(listed()).toEqual([pageId])
  })

  it("flags the page's line that differs from the reader's, as when the page was there first", async () => {
    // Line 1 (the name) has no check digit: a reader's name differing from the page's is a disagreement to show.
    const [line1, line2] = page.mrz
    const otherName = line1.slice(0, 5) + (line1[5] === 'Q' ? 'Z' : 'Q') + line1.slice(6)
    const read = await swipe([otherName, line2])
    const pageId = await importPage()
    const pageDoc = ws.documents.get(pageId)
    expect(pageDoc.readerCheck).toBe('differs')
    expect(flagsOf(pageDoc).mrzLine1).toContainEqual({ code: 'READER_MRZ_MISMATCH', readerValue: otherName })
    expect(ws.documents.get(read.id).mergedInto).toBe(pageId)
    expect(listed()).toEqual([pageId])
  })

  it('page first, reader after: the same one document, checked, and no reader document made', async () => {
    const pageId = await importPage()
    expect(await swipe(page.mrz)).toMatchObject({ outcome: 'checked', id: pageId })
    expect(listed()).toEqual([pageId])
    expect(ws.documents.get(pageId).readerMrz?.lines).toEqual(page.mrz)
  })

  it('keeps a reader document the operator had corrected, and flags the page to compare with it instead', async () => {
    const read = await swipe(page.mrz)
    await call('review:saveField', { id: read.id, key: 'nameEn', value: 'ERIKSSON,ANNA' })
    const pageId = await importPage()
    const reader = ws.documents.get(read.id)
    expect(reader).toMatchObject({ mergedInto: null, status: 'needs_review' })
    expect(reader.fields.nameEn).toBe('ERIKSSON,ANNA')
    expect(listed().sort()).toEqual([read.id, pageId].sort())
    const pageDoc = ws.documents.get(pageId)
    expect(pageDoc.readerMrz).toMatchObject({ lines: page.mrz, keptDocument: read.id })
    expect(flagsOf(pageDoc).passportNumber).toContainEqual({ code: 'READER_DOCUMENT_KEPT', documentId: read.id })
    expect(mergedEvents(read.id)).toEqual([{ detail: { into: pageId, kept: true }, operator: 'system' }])
  })

  it('keeps an approved reader document too: the page is flagged, and is a duplicate of it', async () => {
    const read = await swipe(page.mrz)
    await call('settings:update', { operatorName: 'anna' })
    await call('review:approve', { id: read.id })
    const pageId = await importPage()
    expect(ws.documents.get(read.id)).toMatchObject({ mergedInto: null, status: 'approved' })
    const pageDoc = ws.documents.get(pageId)
    expect(pageDoc).toMatchObject({ duplicateOf: read.id })
    expect(flagsOf(pageDoc).passportNumber).toContainEqual({ code: 'READER_DOCUMENT_KEPT', documentId: read.id })
    expect(ws.documents.list({ limit: 50, offset: 0 }).counts).toMatchObject({ approved: 1, needs_review: 1 })
  })

  it('erasing the page brings the retired reader document back to the queue, not gone unseen', async () => {
    const read = await swipe(page.mrz)
    const pageId = await importPage()
    ws.documents.delete(pageId)
    expect(ws.documents.get(read.id).mergedInto).toBeNull()
    expect(listed()).toEqual([read.id])
    expect(t.store.verifyAudit()).toMatchObject({ ok: true })
  })

  describe("an identity card's read (TD1, TD2) with the page's number, birth date and expiry", () => {
    /** The passport's holder, number and dates as a card's zone would carry them. */
    const cardOfPage = (): CardInput => {
      const [line1, line2] = page.mrz
      const sex = line2[20]
      return {
        documentCode: 'I',
        state: line1.slice(2, 5),
        number: line2.slice(0, 9).replace(/<+$/, ''),
        birth: line2.slice(13, 19),
        sex: sex === 'M' || sex === 'F' ? sex : '<',
        expiry: line2.slice(21, 27),
        nationality: line2.slice(10, 13),
        surname: 'ERIKSSON',
        givenNames: 'ANNA'
      }
    }

    it('swiped first: stays a document of its own when the page arrives, and the page carries no reader check', async () => {
      const card = await swipe(td1Zone(cardOfPage()))
      expect(card.outcome).toBe('created')
      expect(ws.documents.get(card.id).passportNumber).toBe(page.passportNumber)
      const pageId = await importPage()
      expect(ws.documents.get(card.id)).toMatchObject({ mergedInto: null, status: 'needs_review' })
      expect(ws.documents.get(pageId)).toMatchObject({ readerMrz: null, readerCheck: null, passportNumber: page.passportNumber })
      expect(flagsOf(ws.documents.get(pageId)).passportNumber.filter((f) => f.code.startsWith('READER_'))).toEqual([])
      expect(listed().sort()).toEqual([card.id, pageId].sort())
      expect(mergedEvents(card.id)).toEqual([])
    })

    it('swiped after the page: a document of its own, not a check of the page', async () => {
      const pageId = await importPage()
      const card = await swipe(td2Zone(cardOfPage()))
      expect(card).toMatchObject({ outcome: 'created', agrees: null })
      expect(card.id).not.toBe(pageId)
      expect(ws.documents.get(pageId).readerMrz).toBeNull()
      expect(listed().sort()).toEqual([card.id, pageId].sort())
    })
  })

  describe('from every source of the page', () => {
    it('document camera capture', async () => {
      const read = await swipe(page.mrz)
      const pageId = await importPage('camera')
      expect(ws.documents.get(pageId).source).toBe('camera')
      expectSettled(read.id, pageId)
    })

    it('hot folder (a folder import, as the watcher does)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'prw-settle-'))
      try {
        writeFileSync(join(dir, page.fileName), page.bytes)
        const read = await swipe(page.mrz)
        const r = await ws.documents.importPaths([dir], 'hot-folder')
        await ws.queue.whenIdle()
        expect(ws.documents.get(r.imported[0].id).source).toBe('hot-folder')
        expectSettled(read.id, r.imported[0].id)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('scan from the eSCL fixture device', async () => {
      const device = await startEsclFixture({ pages: [Buffer.from(page.bytes)] })
      try {
        const read = await swipe(page.mrz)
        const r = await call<{ imported: { id: number }[]; scanError: unknown }>('scan:start', { deviceId: `escl:${device.url}` })
        expect(r.scanError).toBeNull()
        await ws.queue.whenIdle()
        expect(ws.documents.get(r.imported[0].id).source).toBe('scan')
        expectSettled(read.id, r.imported[0].id)
      } finally {
        await device.close()
      }
    })

    it('the API with storage on (recognised once, stored for review)', async () => {
      const read = await swipe(page.mrz)
      const response = await pool.recognize(page.bytes)
      const pageId = ws.documents.storeRecognized({ fileName: page.fileName, bytes: page.bytes }, response, 'api')
      expect(pageId).not.toBeNull()
      expectSettled(read.id, pageId ?? 0)
    })
  })
})

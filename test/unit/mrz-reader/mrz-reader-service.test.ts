import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MrzReadResult } from '../../../src/shared/contract'
import type { DocumentDetail } from '../../../src/shared/domain/document'
import { computeFlags, flaggedKeys } from '../../../src/shared/domain/field-flags'
import { FIELD_KEYS } from '../../../src/shared/domain/fields'
import { withReaderFlags } from '../../../src/shared/domain/reader-mrz'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { SPECIMEN_CARD, td1Zone } from '../helpers/card-zones'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

// ICAO Doc 9303's specimen passport (the fictitious state Utopia).
const ERIKSSON = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']

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
  ws = createWorkstation(t.store, pool)
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
})

async function submit(lines: readonly string[], via: 'keyboard' | 'box' | 'serial' = 'keyboard'): Promise<MrzReadResult> {
  const r = await dispatch(ws.handlers, 'mrzReader:submit', { text: lines.join('\n'), via })
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
  return r.value as MrzReadResult
}
const failure = async (lines: readonly string[]): Promise<unknown> => {
  const r = await dispatch(ws.handlers, 'mrzReader:submit', { text: lines.join('\n'), via: 'keyboard' })
  return r.ok ? r : r.error.code
}

// The fields a passport's, an identity card's and a travel document's zone all give, sorted.
const ZONE_KEYS = [
  'birthDate',
  'countryCode',
  'mrzLine1',
  'mrzLine2',
  'nameEn',
  'nationality',
  'passportNumber',
  'passportType',
  'sex',
  'validToDate'
]
/** The fields flagged MRZ_ONLY in the review, sorted. */
function mrzOnlyKeys(doc: DocumentDetail): string[] {
  const flags = withReaderFlags(computeFlags(doc.fields, doc.response), doc.fields, doc.readerMrz)
  return flaggedKeys(flags)
    .filter((k) => flags[k].some((f) => f.code === 'MRZ_ONLY'))
    .sort()
}

/** A page imported and recognised by the real engine: its MRZ as the engine read it. */
async function recognisedPage(): Promise<{ id: number; lines: [string, string] }> {
  const id = ws.documents.importFiles([{ fileName: page.fileName, bytes: page.bytes }]).imported[0].id
  await ws.queue.whenIdle()
  const doc = ws.documents.get(id)
  expect(doc.status).toBe('needs_review')
  return { id, lines: [doc.fields.mrzLine1, doc.fields.mrzLine2] }
}

describe('MRZ reader service', () => {
  it('makes a document from the MRZ alone, every field it gives flagged MRZ-only, audited as an import', async () => {
    const r = await submit(ERIKSSON)
    expect(r).toEqual({ outcome: 'created', id: 1, agrees: null })
    const doc = ws.documents.get(r.id)
    expect(doc).toMatchObject({ source: 'mrz-reader', hasImage: false, status: 'needs_review', passportNumber: 'L898902C3' })
    expect(doc.fields).toMatchObject({
      passportType: 'P',
      countryCode: 'UTO',
      nationality: 'UTO',
      nameEn: 'ERIKSSON,ANNA MARIA',
      sex: '女/F',
      birthDate: '1974.08.12',
      validToDate: '2012.04.15',
      mrzLine1: ERIKSSON[0],
      mrzLine2: ERIKSSON[1]
    })
    expect(doc.readerMrz?.lines).toEqual(ERIKSSON)
    expect(t.store.documents.getBytes(r.id)).toBeNull()
    expect(() => ws.documents.image(r.id)).toThrow(/has no image/)
    expect(mrzOnlyKeys(doc)).toEqual(ZONE_KEYS)
    expect(doc.response?.validation).toMatchObject({ mrzValid: true, documentFamily: 'foreign' })
    const events = t.store.audit.list({ documentId: r.id, limit: 10 })
    expect(events.map((e) => e.type).reverse()).toEqual(['imported', 'recognized'])
    expect(JSON.parse(events[1].detail ?? '{}')).toMatchObject({ source: 'mrz-reader', via: 'keyboard' })
    expect(t.store.verifyAudit()).toMatchObject({ ok: true })
    // The same swipe again is the same document.
    expect(await submit(ERIKSSON, 'box')).toEqual({ outcome: 'duplicate', id: 1, agrees: null })
    // It can be erased like any other document.
    expect(ws.documents.delete(r.id)).toEqual({ deleted: 1 })
    expect(t.store.verifyAudit()).toMatchObject({ ok: true })
  })

  it('refuses what must be swiped again, with a stable code, and stores nothing', async () => {
    expect(await failure([ERIKSSON[0]])).toBe('MRZ_READ_INCOMPLETE')
    expect(await failure(ERIKSSON.map((l) => l.replace(/</g, ';')))).toBe('MRZ_READ_GARBLED')
    expect(await failure([ERIKSSON[0], ERIKSSON[1].replace('7408122', '7408132')])).toBe('MRZ_CHECK_FAILED')
    // A visa's zone (document code V) makes no document; an identity card's does (below), but not with a bad digit.
    expect(await failure(['V' + TD2[0].slice(1), TD2[1]])).toBe('MRZ_NOT_PASSPORT')
    expect(await failure([TD1[0], TD1[1].replace('7408122', '7408132'), TD1[2]])).toBe('MRZ_CHECK_FAILED')
    expect(ws.documents.list({ limit: 10, offset: 0 }).total).toBe(0)
    expect(t.store.audit.list({ limit: 10 })).toEqual([])
  })

  it("makes a document from an identity card's zone alone (TD1, TD2), audited, reviewed and exported as read", async () => {
    const card = await submit(TD1)
    expect(card).toEqual({ outcome: 'created', id: 1, agrees: null })
    const doc = ws.documents.get(card.id)
    expect(doc).toMatchObject({ source: 'mrz-reader', hasImage: false, fileName: 'MRZ reader (TD1)', passportNumber: 'D23145890' })
    expect(doc.fields).toMatchObject({
      passportType: 'I',
      countryCode: 'UTO',
      nameEn: 'ERIKSSON,ANNA MARIA',
      mrzLine1: TD1[0],
      mrzLine2: TD1[1] + TD1[2]
    })
    expect(doc.readerMrz?.lines).toEqual(TD1)
    expect(doc.response?.validation.mrzZone).toEqual({ format: 'TD1', lines: TD1 })
    expect(mrzOnlyKeys(doc)).toEqual(ZONE_KEYS)
    const events = t.store.audit.list({ documentId: card.id, limit: 10 })
    expect(events.map((e) => e.type).reverse()).toEqual(['imported', 'recognized'])
    expect(JSON.parse(events[1].detail ?? '{}')).toMatchObject({ source: 'mrz-reader', via: 'keyboard', mrzFormat: 'TD1' })
    expect(t.store.verifyAudit()).toMatchObject({ ok: true })
    expect(await submit(TD1, 'serial')).toEqual({ outcome: 'duplicate', id: 1, agrees: null })
    const td2 = await submit(TD2, 'box')
    expect(td2).toEqual({ outcome: 'created', id: 2, agrees: null })
    expect(ws.documents.get(td2.id).fields).toMatchObject({ mrzLine1: TD2[0], mrzLine2: TD2[1], passportNumber: 'D23145890' })

    // The zone's lines are kept as read; its number may be corrected within a card's own rules (a long one is fine).
    const edit = (id: number, key: string, value: string): ReturnType<typeof dispatch> =>
      dispatch(ws.handlers, 'review:saveField', { id, key, value })
    const before = t.store.audit.list({ limit: 50 }).length
    expect(await edit(1, 'mrzLine1', TD1[0].replace('D23145890', 'D23145891'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
    expect(await edit(2, 'mrzLine2', TD2[1].replace('F', 'M'))).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(t.store.audit.list({ limit: 50 })).toHaveLength(before)
    expect(ws.documents.get(1).fields.mrzLine1).toBe(TD1[0])
    expect(await edit(1, 'passportNumber', 'D23145890734')).toMatchObject({ ok: true })
    expect(await edit(1, 'passportNumber', 'D23145890')).toMatchObject({ ok: true })

    // Exports: every column in its place, the zone's characters as read (TD1's in mrz-zone's packing).
    await dispatch(ws.handlers, 'settings:update', { operatorName: 'anna' })
    for (const id of [1, 2]) expect(await dispatch(ws.handlers, 'review:approve', { id })).toMatchObject({ ok: true })
    const csv = await dispatch(ws.handlers, 'export:csv', {})
    if (!csv.ok) throw new Error(csv.error.message)
    const [header, ...rows] = (csv.value as { content: string }).content.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe(['id', 'fileName', ...FIELD_KEYS, 'status', 'operator', 'createdAt', 'recognizedAt', 'reviewedAt'].join(','))
    expect(rows.pop()).toBe('')
    const quoted = (v: string | number): string => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
    expect(rows).toEqual(
      [1, 2].map((id) => {
        const d = ws.documents.get(id)
        return [
          d.id,
          d.fileName,
          ...FIELD_KEYS.map((k) => d.fields[k]),
          'approved',
          'anna',
          d.createdAt,
          d.recognizedAt ?? '',
          d.reviewedAt ?? ''
        ]
          .map(quoted)
          .join(',')
      })
    )
    expect(rows[0]).toContain(`,${TD1[0]},${TD1[1]}${TD1[2]},2012.04.15,1974.08.12,,approved,anna,`)
    expect(rows[1]).toContain(`,${TD2[0]},${TD2[1]},2012.04.15,1974.08.12,,approved,anna,`)
    const json = await dispatch(ws.handlers, 'export:json', { ids: [1, 2] })
    if (!json.ok) throw new Error(json.error.message)
    const objects = JSON.parse((json.value as { content: string }).content) as { data: Record<string, string> }[]
    expect(objects.map((o) => [o.data.passportType, o.data.mrzLine1, o.data.mrzLine2])).toEqual([
      ['I', TD1[0], TD1[1] + TD1[2]],
      ['I', TD2[0], TD2[1]]
    ])
  })

  it("refuses an identity card's number longer than its zone can hold, and a passport's over 9", async () => {
    const card = await submit(td1Zone({ ...SPECIMEN_CARD, number: 'D23145890734' }))
    expect(ws.documents.get(card.id).passportNumber).toBe('D23145890734')
    const passport = await submit(ERIKSSON)
    const edit = (id: number, value: string): ReturnType<typeof dispatch> =>
      dispatch(ws.handlers, 'review:saveField', { id, key: 'passportNumber', value })
    expect(await edit(card.id, 'D'.repeat(23))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'passportNumber: DOCUMENT_NUMBER_FORMAT' }
    })
    expect(await edit(passport.id, 'L898902C36')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'passportNumber: PASSPORT_NUMBER_FORMAT' }
    })
    expect(await edit(card.id, 'D'.repeat(22))).toMatchObject({ ok: true })
  })

  it("checks a page image of the same passport against the reader's MRZ instead: agreement raises nothing", async () => {
    const { id, lines } = await recognisedPage()
    expect(await submit(lines)).toEqual({ outcome: 'checked', id, agrees: true })
    const doc = ws.documents.get(id)
    expect(doc.readerMrz?.lines).toEqual(lines)
    expect(ws.documents.list({ limit: 10, offset: 0 }).total).toBe(1)
    const flags = withReaderFlags(computeFlags(doc.fields, doc.response), doc.fields, doc.readerMrz)
    expect(flaggedKeys(flags).filter((k) => flags[k].some((f) => f.code === 'READER_MRZ_MISMATCH'))).toEqual([])
  })

  it("shows a disagreement as a flag on the line that differs, in the review's count too", async () => {
    const { id, lines } = await recognisedPage()
    // Line 1 (the name) has no check digit: a reader's name differing from the page's is a disagreement to show.
    const otherName = lines[0].slice(0, 5) + (lines[0][5] === 'Q' ? 'Z' : 'Q') + lines[0].slice(6)
    expect(await submit([otherName, lines[1]])).toEqual({ outcome: 'checked', id, agrees: false })
    const doc = ws.documents.get(id)
    const flags = withReaderFlags(computeFlags(doc.fields, doc.response), doc.fields, doc.readerMrz)
    expect(flags.mrzLine1).toContainEqual({ code: 'READER_MRZ_MISMATCH', readerValue: otherName })
    expect(flags.mrzLine2.some((f) => f.code === 'READER_MRZ_MISMATCH')).toBe(false)
    expect(flaggedKeys(flags)).toContain('mrzLine1')
    const attention = await dispatch(ws.handlers, 'documents:attention', { ids: [id] })
    expect(attention).toEqual({ ok: true, value: [{ id, flagged: flaggedKeys(flags).length }] })
  })

  it('checks a page that arrives after the swipe against it', async () => {
    const first = await recognisedPage()
    // The reader's swipe comes first, in a store without the page: an MRZ-only document.
    ws.documents.delete(first.id)
    const swipe = await submit(first.lines)
    expect(swipe.outcome).toBe('created')
    const { id } = await recognisedPage()
    expect(ws.documents.get(id).readerMrz?.lines).toEqual(first.lines)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PassportResponse } from '../../../src/shared/domain/response'
import { storedResponse } from '../helpers/stored-response'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

const response = (passportNumber: string): PassportResponse => storedResponse({ passportNumber, name: '张三' })

const doc = (n: number): { sha256: string; fileName: string; bytes: Uint8Array; source: 'import' } => ({
  sha256: `hash${n}`,
  fileName: `scan-${n}.jpg`,
  bytes: new Uint8Array([n, 1, 2]),
  source: 'import'
})

let t: TempStore
beforeEach(() => {
  t = tempStore()
})
afterEach(() => t.cleanup())

describe('DocumentsRepository', () => {
  it('inserts a document once per content hash', () => {
    const a = t.store.documents.insert(doc(1))
    expect(a).toEqual({ id: 1, duplicate: false })
    expect(t.store.documents.insert({ ...doc(1), fileName: 'copy.jpg' })).toEqual({ id: 1, duplicate: true })
    expect(t.store.documents.get(1)).toMatchObject({ fileName: 'scan-1.jpg', status: 'queued', sha256: 'hash1' })
    expect([...(t.store.documents.getBytes(1) ?? [])]).toEqual([1, 1, 2])
  })

  it('claims queued work oldest first and puts interrupted work back on reopen', () => {
    t.store.documents.insert(doc(1))
    t.store.documents.insert(doc(2))
    expect(t.store.documents.claimNextQueued()).toBe(1)
    expect(t.store.documents.get(1)?.status).toBe('recognizing')
    const store = t.reopen()
    expect(store.documents.get(1)?.status).toBe('queued')
    expect(store.documents.counts()).toMatchObject({ queued: 2, recognizing: 0 })
  })

  it('stores the engine response and flags a passport number already approved', () => {
    const d = t.store.documents
    d.insert(doc(1))
    d.insert(doc(2))
    d.setRecognized(1, response('E12345678'))
    d.setDecision(1, 'approved', 'op', null)
    d.setRecognized(2, response('E12345678'))
    const second = d.get(2)
    expect(second).toMatchObject({
      status: 'needs_review',
      passportNumber: 'E12345678',
      name: '张三',
      duplicateOf: 1,
      algoVersion: 'test-1'
    })
    expect(second?.response?.algo_version).toBe('test-1')
    expect(d.setField(2, 'passportNumber', 'E00000000')).toBe('E12345678')
    expect(d.get(2)?.duplicateOf).toBeNull()
  })

  it("does not call a card or another state's document a copy of an approved passport with its number", () => {
    const d = t.store.documents
    for (const n of [1, 2, 3, 4]) d.insert(doc(n))
    d.setRecognized(1, response('L898902C3'))
    d.setDecision(1, 'approved', 'op', null)
    const card = response('L898902C3')
    card.validation.mrzZone = { format: 'TD1', lines: ['I<UTOL898902C3<<<<<<<<<<<<<<<<', '', ''] }
    d.setRecognized(2, card)
    d.setRecognized(3, storedResponse({ passportNumber: 'L898902C3', countryCode: 'UTO' }))
    d.setRecognized(4, response('L898902C3'))
    expect([2, 3, 4].map((id) => d.get(id)?.duplicateOf)).toEqual([null, null, 1])
  })

  it('lists with status filter and search over name, number and file name', () => {
    const d = t.store.documents
    for (const n of [1, 2, 3]) d.insert(doc(n))
    d.setRecognized(2, response('E22222222'))
    expect(d.list({ status: 'queued', limit: 10, offset: 0 }).items.map((x) => x.id)).toEqual([3, 1])
    expect(d.list({ search: 'e2222', limit: 10, offset: 0 }).items.map((x) => x.id)).toEqual([2])
    expect(d.list({ search: '张', limit: 10, offset: 0 }).total).toBe(1)
    expect(d.list({ search: 'scan-3', limit: 10, offset: 0 }).items.map((x) => x.id)).toEqual([3])
    expect(d.list({ search: '%', limit: 10, offset: 0 }).total).toBe(0)
  })

  it('moves statuses for cancel and retry, recording the error', () => {
    const d = t.store.documents
    for (const n of [1, 2]) d.insert(doc(n))
    expect(d.moveStatus('queued', 'failed', [2], { code: 'CANCELLED', message: 'cancelled' })).toEqual([2])
    expect(d.get(2)).toMatchObject({ status: 'failed', errorCode: 'CANCELLED' })
    expect(d.moveStatus('failed', 'queued')).toEqual([2])
    expect(d.get(2)).toMatchObject({ status: 'queued', errorCode: null })
  })

  it('exports approved documents or the given ids', () => {
    const d = t.store.documents
    for (const n of [1, 2]) d.insert(doc(n))
    d.setRecognized(1, response('E11111111'))
    d.setDecision(1, 'approved', 'op', null)
    expect(d.forExport().map((x) => x.id)).toEqual([1])
    expect(d.forExport([2, 1]).map((x) => x.id)).toEqual([1, 2])
  })
})

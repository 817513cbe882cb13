import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventContract } from '../../../src/shared/contract'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { dispatch } from '../../../src/main/services/dispatch'
import { fakePng, FakeRecognizer } from '../helpers/fake-recognizer'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

let t: TempStore
let fake: FakeRecognizer
let ws: Workstation
const progress: EventContract['queue:progress'][] = []

beforeEach(() => {
  t = tempStore()
  fake = new FakeRecognizer()
  ws = createWorkstation(t.store, fake)
  progress.length = 0
  ws.events.on('queue:progress', (p) => progress.push(p))
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
})

const files = (...tags: number[]): { fileName: string; bytes: Uint8Array }[] =>
  tags.map((n) => ({ fileName: `p${n}.png`, bytes: fakePng(n) }))

describe('import and the recognition queue', () => {
  it('imports once per content, refuses non-images, and recognizes in the background', async () => {
    const report = ws.documents.importFiles([...files(1, 2, 1), { fileName: 'notes.txt', bytes: new Uint8Array([1, 2, 3]) }])
    expect(report.imported.map((d) => d.fileName)).toEqual(['p1.png', 'p2.png'])
    expect(report.duplicates).toEqual([{ fileName: 'p1.png', existingId: 1 }])
    expect(report.failed[0]).toMatchObject({ fileName: 'notes.txt', error: { code: 'UNSUPPORTED_FORMAT' } })
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'needs_review', passportNumber: 'E00000001', algoVersion: 'fake-1' })
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, failed: 0, queued: 0, recognizing: 0 })
    expect(t.store.audit.list({ documentId: 1, limit: 10 }).map((e) => e.type)).toEqual(['recognized', 'imported'])
  })

  it('records failures with their code and retries them', async () => {
    ws.documents.importFiles(files(255))
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'failed', errorCode: 'NO_PASSPORT_FOUND' })
    expect(ws.queue.retry()).toBe(1)
    await ws.queue.whenIdle()
    expect(fake.calls).toBe(2)
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1, failed: 1 })
  })

  it('cancels queued and running work', async () => {
    fake.hold()
    ws.documents.importFiles(files(1, 2, 3))
    expect(ws.queue.progress()).toMatchObject({ recognizing: 2, queued: 1, total: 3 })
    expect(ws.queue.cancel()).toBe(3)
    fake.release()
    await ws.queue.whenIdle()
    expect(t.store.documents.counts()).toMatchObject({ failed: 3, needs_review: 0 })
    expect(ws.documents.get(1).errorCode).toBe('CANCELLED')
  })

  it('resumes interrupted work after a restart', async () => {
    fake.hold()
    ws.documents.importFiles(files(1, 2, 3))
    await ws.close()
    const store = t.reopen()
    expect(store.documents.counts()).toMatchObject({ queued: 3, recognizing: 0 })
    fake = new FakeRecognizer()
    ws = createWorkstation(store, fake)
    await ws.queue.whenIdle()
    expect(store.documents.counts().needs_review).toBe(3)
  })
})

describe('review', () => {
  beforeEach(async () => {
    ws.documents.importFiles(files(1, 2))
    await ws.queue.whenIdle()
  })

  it('validates and normalises edits, auditing old and new values', async () => {
    const r = await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'passportNumber', value: ' e12345678 ' })
    expect(r).toMatchObject({ ok: true, value: { passportNumber: 'E12345678' } })
    expect(await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'birthDate', value: '1990.02.30' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'birthDate: DATE_INVALID' }
    })
    const [edit] = t.store.audit.list({ type: 'field_edited', limit: 10 })
    expect(edit).toMatchObject({
      documentId: 1,
      field: 'passportNumber',
      oldValue: 'E00000001',
      newValue: 'E12345678',
      operator: 'unnamed'
    })
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
    await dispatch(ws.handlers, 'review:saveField', { id: 2, key: 'passportNumber', value: 'E00000001' })
    expect(ws.documents.get(2).duplicateOf).toBe(1)
    expect(await dispatch(ws.handlers, 'review:reject', { id: 2, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
    expect(await dispatch(ws.handlers, 'review:reject', { id: 2, reason: 'duplicate' })).toMatchObject({
      ok: true,
      value: { status: 'rejected', rejectReason: 'duplicate' }
    })
    expect(t.store.audit.list({ documentId: 2, type: 'rejected', limit: 1 })[0]).toMatchObject({ reason: 'duplicate', operator: '李雷' })
  })

  it('exports CSV with a BOM and JSON in the cloud shape with corrected values, each audited', async () => {
    await dispatch(ws.handlers, 'settings:update', { operatorName: '李雷' })
    await dispatch(ws.handlers, 'review:saveField', { id: 1, key: 'name', value: '王大明' })
    await dispatch(ws.handlers, 'review:approve', { id: 1 })
    const csv = await dispatch(ws.handlers, 'export:csv', {})
    if (!csv.ok) throw new Error(csv.error.message)
    const { content, count } = csv.value as { content: string; count: number }
    expect(count).toBe(1)
    expect(content.startsWith('\uFEFFid,fileName,passportType,')).toBe(true)
    expect(content.split('\r\n')[1]).toMatch(/^1,p1\.png,,,E00000001,,王大明,男\/M,.*,approved,李雷,/)
    const json = await dispatch(ws.handlers, 'export:json', { ids: [1, 2] })
    if (!json.ok) throw new Error(json.error.message)
    const objects = JSON.parse((json.value as { content: string }).content) as {
      data: { name: string }
      prism_keyValueInfo: { key: string; value: string; valueProb: number }[]
    }[]
    expect(objects.map((o) => o.data.name)).toEqual(['王大明', '王小明'])
    expect(objects[0].prism_keyValueInfo.find((k) => k.key === 'name')).toMatchObject({ value: '王大明', valueProb: 100 })
    expect(objects[0]).not.toHaveProperty('validation')
    expect(t.store.audit.list({ type: 'exported', limit: 10 }).map((e) => JSON.parse(e.detail ?? '{}').format)).toEqual(['json', 'csv'])
  })

  it('deletes a document but keeps its history', async () => {
    expect(await dispatch(ws.handlers, 'documents:delete', { id: 2 })).toEqual({ ok: true, value: { deleted: 1 } })
    expect(await dispatch(ws.handlers, 'documents:get', { id: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(t.store.audit.list({ documentId: 2, limit: 10 }).map((e) => e.type)).toEqual(['deleted', 'recognized', 'imported'])
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

describe('recognition time limit', () => {
  it('fails a document whose recognition hangs with TIMEOUT', async () => {
    await ws.close()
    const store = t.reopen()
    const hung = new FakeRecognizer()
    hung.hold()
    ws = createWorkstation(store, hung, { timeoutMs: 50 })
    ws.documents.importFiles(files(1))
    await ws.queue.whenIdle()
    expect(ws.documents.get(1)).toMatchObject({ status: 'failed', errorCode: 'TIMEOUT' })
  })
})

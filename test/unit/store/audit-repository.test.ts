import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'
import { MRZ_READER_DEFAULTS, SCAN_DEFAULTS } from '../helpers/scan-defaults'

let t: TempStore
beforeEach(() => {
  t = tempStore()
})
afterEach(() => t.cleanup())

describe('AuditRepository', () => {
  it('appends events and lists them newest first with filters', () => {
    const a = t.store.audit
    a.append({ documentId: 1, type: 'imported', operator: 'li', detail: { fileName: 'x.jpg' } })
    a.append({ documentId: 1, type: 'field_edited', operator: 'li', field: 'name', oldValue: '张三', newValue: '张四' })
    a.append({ documentId: 2, type: 'rejected', operator: 'wang', reason: 'blurred' })
    expect(a.list({ documentId: 1, limit: 10 }).map((e) => e.type)).toEqual(['field_edited', 'imported'])
    expect(a.list({ operator: 'wang', limit: 10 })[0]).toMatchObject({ type: 'rejected', reason: 'blurred', documentId: 2 })
    expect(a.list({ type: 'field_edited', limit: 10 })[0]).toMatchObject({ field: 'name', oldValue: '张三', newValue: '张四' })
    expect(JSON.parse(a.list({ type: 'imported', limit: 1 })[0].detail ?? '')).toEqual({ fileName: 'x.jpg' })
  })

  it('refuses UPDATE and DELETE at the database level', () => {
    t.store.audit.append({ documentId: 1, type: 'approved', operator: 'li' })
    expect(() => t.store.db.prepare("UPDATE audit_events SET operator = 'x'").run()).toThrow(/append-only/)
    expect(() => t.store.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
    expect(t.store.audit.list({ limit: 10 })).toHaveLength(1)
  })

  it('keeps history after its document is deleted', () => {
    const { id } = t.store.documents.insert({ sha256: 'h', fileName: 'a.jpg', bytes: new Uint8Array([1]), source: 'import' })
    t.store.audit.append({ documentId: id, type: 'imported', operator: 'li' })
    expect(t.store.documents.delete(id)).toBe(true)
    expect(t.store.audit.list({ documentId: id, limit: 10 })).toHaveLength(1)
  })
})

describe('SettingsRepository', () => {
  it('has defaults and persists updates', () => {
    expect(t.store.settings.get()).toEqual({ operatorName: '', hotFolder: '', language: 'zh-CN', ...SCAN_DEFAULTS, ...MRZ_READER_DEFAULTS })
    t.store.settings.update({ operatorName: '李雷', language: 'en' })
    expect(t.reopen().settings.get()).toEqual({
      operatorName: '李雷',
      hotFolder: '',
      language: 'en',
      ...SCAN_DEFAULTS,
      ...MRZ_READER_DEFAULTS
    })
  })
})

describe('AuditRepository.onAppend', () => {
  it('tells listeners of each new event until they unsubscribe', () => {
    const seen: string[] = []
    const off = t.store.audit.onAppend((e) => seen.push(`${e.id}:${e.type}`))
    t.store.audit.append({ documentId: 3, type: 'imported', operator: 'li' })
    off()
    t.store.audit.append({ documentId: 3, type: 'approved', operator: 'li' })
    expect(seen).toEqual(['1:imported'])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import type { ExportFile } from '../../../src/shared/contract'
import { computeFlags, flaggedKeys } from '../../../src/shared/domain/field-flags'
import { localDay } from '../../../src/shared/domain/operator-figures'
import type { OperatorDayFigures } from '../../../src/shared/domain/operator-figures'
import { passportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

// Two real pages through the real engine; the store's clock ticks one second per audit event.
let pool: EnginePool
let t: TempStore
let ws: Workstation

async function value<T>(channel: Parameters<typeof dispatch>[1], request: unknown): Promise<T> {
  const r = await dispatch(ws.handlers, channel, request)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as T
}

beforeAll(async () => {
  pool = await readyEngine()
  t = tempStore()
  ws = createWorkstation(t.store, pool)
  const pages = await Promise.all([1, 2].map((seed) => passportImage(seed)))
  ws.documents.importFiles(pages.map((p) => ({ fileName: p.fileName, bytes: p.bytes })))
  await ws.queue.whenIdle()
})
afterAll(async () => {
  await ws.close()
  t.cleanup()
  await pool.close()
})

describe('operator statistics', () => {
  it('tells how many fields of each document the review screen flags', async () => {
    const attention = await value<{ id: number; flagged: number | null }[]>('documents:attention', { ids: [1, 2, 99] })
    const expected = [1, 2].map((id) => {
      const d = ws.documents.get(id)
      return { id, flagged: flaggedKeys(computeFlags(d.fields, d.response)).length }
    })
    expect(attention).toEqual([...expected, { id: 99, flagged: null }])
  })

  it('counts decisions, corrected fields and seconds per document, and exports them and every event as CSV', async () => {
    await value('settings:update', { operatorName: '李雷' })
    await value('review:saveField', { id: 1, key: 'name', value: '王大明' })
    await value('review:saveField', { id: 1, key: 'name', value: '王小明' })
    await value('review:approve', { id: 1 })
    await value('review:reject', { id: 2, reason: 'blurred' })
    const figures = await value<OperatorDayFigures[]>('stats:operatorFigures', {})
    // Document 1 is timed from its first edit to its approval, document 2 from that approval to its rejection.
    const at = (type: 'field_edited' | 'approved' | 'rejected', i = 0): number =>
      Date.parse(ws.store.audit.list({ type, limit: 10 }).reverse()[i].at)
    const seconds = ((at('approved') - at('field_edited')) / 1000 + (at('rejected') - at('approved')) / 1000) / 2
    expect(seconds).toBeGreaterThan(0)
    expect(figures).toEqual([
      {
        operator: '李雷',
        day: localDay(new Date(at('approved')).toISOString()),
        documents: 2,
        approved: 1,
        rejected: 1,
        fieldsCorrected: 1,
        secondsPerDocument: seconds,
        documentsPerHour: 3600 / seconds
      }
    ])
    const csv = await value<ExportFile>('export:audit', { part: 'figures' })
    expect(csv.fileName).toMatch(/^audit-figures-.*\.csv$/)
    expect(csv.content.split('\r\n')).toEqual([
      '\uFEFFoperator,day,documents,approved,rejected,fieldsCorrected,secondsPerDocument,documentsPerHour',
      `李雷,${figures[0].day},2,1,1,1,${seconds.toFixed(1)},${(3600 / seconds).toFixed(1)}`,
      ''
    ])
    const events = await value<ExportFile>('export:audit', { part: 'events' })
    const lines = events.content.split('\r\n')
    expect(lines[0]).toBe('\uFEFFid,at,operator,type,documentId,field,oldValue,newValue,reason,detail,redacted')
    const types = lines.slice(1, -1).map((l) => l.split(',')[3])
    expect(types).toEqual([
      'imported',
      'imported',
      'recognized',
      'recognized',
      'field_edited',
      'field_edited',
      'approved',
      'rejected',
      'exported'
    ])
    expect(events.count).toBe(9)
  })
})

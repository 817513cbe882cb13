import { describe, expect, it } from 'vitest'
import type { AuditEvent, AuditType } from '../../../src/shared/domain/document'
import { operatorFigures } from '../../../src/shared/domain/operator-figures'

let nextId = 1
const ev = (type: AuditType, operator: string, at: string, documentId: number, field: AuditEvent['field'] = null): AuditEvent => ({
  id: nextId++,
  documentId,
  type,
  field,
  oldValue: null,
  newValue: null,
  reason: null,
  detail: null,
  operator,
  at,
  redacted: false
})
const utcDay = (iso: string): string => iso.slice(0, 10)

describe('operator figures', () => {
  it('counts decisions and distinct corrected fields, and times each document from the previous decision', () => {
    const events = [
      ev('imported', 'unnamed', '2026-03-02T08:59:00.000Z', 1),
      ev('field_edited', 'li', '2026-03-02T09:00:00.000Z', 1, 'name'),
      ev('approved', 'li', '2026-03-02T09:00:30.000Z', 1),
      ev('field_edited', 'li', '2026-03-02T09:00:40.000Z', 2, 'birthDate'),
      ev('field_edited', 'li', '2026-03-02T09:00:45.000Z', 2, 'birthDate'),
      ev('field_edited', 'li', '2026-03-02T09:00:50.000Z', 2, 'sex'),
      ev('approved', 'li', '2026-03-02T09:01:00.000Z', 2),
      ev('rejected', 'li', '2026-03-02T09:01:10.000Z', 3),
      ev('exported', 'li', '2026-03-02T09:02:00.000Z', 0)
    ]
    expect(operatorFigures(events, utcDay)).toEqual([
      {
        operator: 'li',
        day: '2026-03-02',
        documents: 3,
        approved: 2,
        rejected: 1,
        fieldsCorrected: 3,
        // 30 s (first edit to approval), 30 s, 10 s.
        secondsPerDocument: 70 / 3,
        documentsPerHour: 3600 / (70 / 3)
      }
    ])
  })

  it('splits by operator and day, and leaves a document after a break untimed unless it was edited', () => {
    const events = [
      ev('approved', 'wang', '2026-03-03T10:00:00.000Z', 4),
      ev('approved', 'wang', '2026-03-03T10:00:06.000Z', 5),
      // Twenty minutes later: a break.
      ev('approved', 'wang', '2026-03-03T10:20:06.000Z', 6),
      ev('field_edited', 'wang', '2026-03-03T10:30:00.000Z', 7, 'name'),
      ev('approved', 'wang', '2026-03-03T10:45:00.000Z', 7),
      ev('approved', 'li', '2026-03-02T09:00:00.000Z', 1)
    ]
    const figures = operatorFigures(events, utcDay)
    expect(figures.map((f) => [f.day, f.operator, f.documents, f.secondsPerDocument])).toEqual([
      ['2026-03-03', 'wang', 4, (6 + 900) / 2],
      ['2026-03-02', 'li', 1, null]
    ])
    expect(figures[1].documentsPerHour).toBeNull()
  })
})

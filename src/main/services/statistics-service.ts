import type { AuditEvent } from '../../shared/domain/document'
import { computeFlags, flaggedKeys } from '../../shared/domain/field-flags'
import { withReaderFlags } from '../../shared/domain/reader-mrz'
import { operatorFigures } from '../../shared/domain/operator-figures'
import type { OperatorDayFigures } from '../../shared/domain/operator-figures'
import type { Store } from '../store'

// The whole history (SQLite: a negative LIMIT has none): the figures and the audit export read every event.
const ALL = -1

/** Figures drawn from the store without changing it: operators' work from the audit log, documents' attention. */
export class StatisticsService {
  constructor(private readonly store: Store) {}

  /** Every audit event, oldest first. */
  events(): AuditEvent[] {
    return this.store.audit.list({ limit: ALL }).reverse()
  }

  /** Documents decided, fields corrected and time per document, per operator and day. */
  operatorFigures(): OperatorDayFigures[] {
    const events = (['approved', 'rejected', 'field_edited'] as const).flatMap((type) => this.store.audit.list({ type, limit: ALL }))
    return operatorFigures(events)
  }

  /** How many fields of each document the review screen flags, as it computes them (null: not recognised yet). */
  attention(ids: readonly number[]): { id: number; flagged: number | null }[] {
    return ids.map((id) => {
      const d = this.store.documents.get(id)
      return {
        id,
        flagged: d?.response ? flaggedKeys(withReaderFlags(computeFlags(d.fields, d.response), d.fields, d.readerMrz)).length : null
      }
    })
  }
}

import type { AuditEvent } from './document'

/** One operator's work on one day, from the audit history. */
export interface OperatorDayFigures {
  operator: string
  /** YYYY-MM-DD, in the workstation's local time. */
  day: string
  /** Documents decided (approved or rejected). */
  documents: number
  approved: number
  rejected: number
  /** Distinct fields edited (a field typed in twice, or edited and undone, counts once). */
  fieldsCorrected: number
  /** Mean seconds per timed document; null when none could be timed. */
  secondsPerDocument: number | null
  /** 3600 / secondsPerDocument: the pace while working; null when none could be timed. */
  documentsPerHour: number | null
}

/**
 * A gap this long between two decisions is a break, not work on the second document: that document is then timed
 * from the operator's first edit of it, or not at all.
 */
export const BREAK_SECONDS = 600

/** The local calendar day of an ISO time. */
export function localDay(iso: string): string {
  const d = new Date(iso)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

interface DayWork {
  decisions: AuditEvent[]
  edits: AuditEvent[]
}

/**
 * Per operator and day: documents decided, fields corrected, and time per document. A document's time runs from
 * the operator's previous decision that day (they moved on to it), or from their first edit of it when it is the
 * day's first or follows a break; documents with neither are counted but not timed.
 */
export function operatorFigures(events: readonly AuditEvent[], dayOf: (iso: string) => string = localDay): OperatorDayFigures[] {
  const work = new Map<string, DayWork>()
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)) {
    if (e.type !== 'approved' && e.type !== 'rejected' && e.type !== 'field_edited') continue
    const key = `${e.operator}\u0000${dayOf(e.at)}`
    const w = work.get(key) ?? { decisions: [], edits: [] }
    ;(e.type === 'field_edited' ? w.edits : w.decisions).push(e)
    work.set(key, w)
  }
  const out: OperatorDayFigures[] = []
  for (const [key, w] of work) {
    const [operator, day] = key.split('\u0000')
    const seconds: number[] = []
    w.decisions.forEach((d, i) => {
      const prev = i > 0 ? Date.parse(w.decisions[i - 1].at) : null
      const end = Date.parse(d.at)
      if (prev !== null && (end - prev) / 1000 <= BREAK_SECONDS) return void seconds.push((end - prev) / 1000)
      const firstEdit = w.edits.find((e) => e.documentId === d.documentId && (prev === null || Date.parse(e.at) > prev))
      if (firstEdit) seconds.push((end - Date.parse(firstEdit.at)) / 1000)
    })
    const mean = seconds.length ? seconds.reduce((a, b) => a + b, 0) / seconds.length : null
    out.push({
      operator,
      day,
      documents: w.decisions.length,
      approved: w.decisions.filter((d) => d.type === 'approved').length,
      rejected: w.decisions.filter((d) => d.type === 'rejected').length,
      fieldsCorrected: new Set(w.edits.map((e) => `${e.documentId}:${e.field}`)).size,
      secondsPerDocument: mean,
      documentsPerHour: mean ? 3600 / mean : null
    })
  }
  return out.sort((a, b) => b.day.localeCompare(a.day) || a.operator.localeCompare(b.operator))
}

import { computed, onScopeDispose, reactive, ref, watch } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import type { DocumentDetail } from '../../../../shared/domain/document'
import { emptyPassportData, FIELD_KEYS } from '../../../../shared/domain/fields'
import type { FieldKey, PassportData } from '../../../../shared/domain/fields'
import { api, call } from '../../lib/api'
import { notifyError } from '../../lib/notify'
import { lineCorrections } from '../../../../shared/domain/document-facts'
import { computeFlags, flaggedKeys } from '../../../../shared/domain/field-flags'
import { withReaderFlags } from '../../../../shared/domain/reader-mrz'
import type { FieldFlags } from '../../../../shared/domain/field-flags'
import type { LineDecisions, MrzLineKey } from './mrz-corrections'
import { canUndo, lineWithDecisions } from './mrz-proposals'
import type { ProposalDecision } from './mrz-proposals'
import { mrzWithPrinted, printedFromMrz } from './reading-choice'

/** The review of one document: drafts as typed, live flags, saving with undo, and the decision. */
export interface ReviewSession {
  doc: Ref<DocumentDetail | null>
  drafts: PassportData
  flags: ComputedRef<FieldFlags>
  isDirty: (key: FieldKey) => boolean
  save: (key: FieldKey) => Promise<boolean>
  /** Resolves once every save started so far has finished. */
  flush: () => Promise<void>
  revert: (key: FieldKey) => void
  undo: () => Promise<FieldKey | null>
  /** The next flagged field after `after` in form order (from the top when null), without wrapping round. */
  nextFlagged: (after: FieldKey | null) => FieldKey | null
  /** The operator's decision on each of the engine's MRZ corrections. */
  decisions: LineDecisions
  /** Keep (`accepted`) or put back what was read (`undone`): the line is saved as decided. */
  decide: (line: MrzLineKey, index: number, decision: 'accepted' | 'undone') => Promise<boolean>
  /** Where printed zone and MRZ disagree: keep the print (the MRZ is rewritten to match) or take the MRZ's reading. */
  pick: (key: FieldKey, side: 'printed' | 'mrz', mrzValue: string) => Promise<boolean>
  approve: () => Promise<boolean>
  reject: (reason: string) => Promise<boolean>
}

export function useReviewSession(id: Ref<number | null>): ReviewSession {
  const doc = ref<DocumentDetail | null>(null)
  const drafts = reactive<PassportData>(emptyPassportData())
  // Each entry is the value a field had before one saved edit.
  const undoStack: { key: FieldKey; value: string }[] = []
  const decisions = reactive<LineDecisions>({ mrzLine1: [], mrzLine2: [] })
  // Lines whose every correction the operator accepted: the engine's MRZ_CORRECTED has been answered.
  const confirmed = computed(
    () =>
      new Set<FieldKey>(
        (['mrzLine1', 'mrzLine2'] as const).filter((k) => decisions[k].length > 0 && decisions[k].every((d) => d === 'accepted'))
      )
  )
  const flags = computed(() =>
    withReaderFlags(computeFlags(drafts, doc.value?.response ?? null, new Date(), confirmed.value), drafts, doc.value?.readerMrz ?? null)
  )
  // Decisions as stored: a kept correction is accepted, one whose read character is back in the line is undone.
  const resetDecisions = (d: DocumentDetail | null): void => {
    const kept = new Set(d?.acceptedCorrections ?? [])
    for (const line of ['mrzLine1', 'mrzLine2'] as const) {
      const value = [...(d?.fields[line] ?? '')]
      decisions[line] = lineCorrections(d?.response ?? null, line).map((c, i): ProposalDecision => {
        if (kept.has(`${line}:${i}`)) return 'accepted'
        return canUndo(c) && value[c.position] === c.read ? 'undone' : 'pending'
      })
    }
  }
  const isDirty = (key: FieldKey): boolean => doc.value !== null && drafts[key] !== doc.value.fields[key]

  // A reload of the open document (its own save's change event) arrives after a round trip: what the operator
  // typed meanwhile stays, only the fields they have not touched take the stored values.
  const show = (d: DocumentDetail | null): void => {
    const typing = d !== null && doc.value?.id === d.id ? FIELD_KEYS.filter(isDirty) : []
    doc.value = d
    const fields = d?.fields ?? emptyPassportData()
    for (const key of FIELD_KEYS) if (!typing.includes(key)) drafts[key] = fields[key]
  }
  // Loads overlap (a change event of the document just approved, then the next one opening): only the latest
  // may show, or a late answer about the previous document would replace the one the operator moved on to.
  let latestLoad = 0
  const load = async (fresh = false): Promise<void> => {
    const seq = ++latestLoad
    if (id.value === null) return show(null)
    try {
      const d = await call('documents:get', { id: id.value })
      if (seq !== latestLoad) return
      // Decisions belong to one reading: another document, or this one recognised (again), starts them afresh.
      if (fresh || doc.value?.id !== d.id || doc.value.recognizedAt !== d.recognizedAt) resetDecisions(d)
      show(d)
    } catch (err) {
      if (seq !== latestLoad) return
      show(null)
      notifyError(err)
    }
  }
  // Undo history belongs to one document: a reload of the same one (its own save's change event) keeps it.
  watch(
    id,
    () => {
      undoStack.length = 0
      void load(true)
    },
    { immediate: true }
  )

  // Recognition finishing (or another window's edit) updates the open document, unless the operator is typing.
  const off = api.on('documents:changed', (e) => {
    if (e.id === id.value && !FIELD_KEYS.some(isDirty)) void load()
  })
  onScopeDispose(off)

  const write = async (key: FieldKey, value: string): Promise<boolean> => {
    if (!doc.value) return false
    const shown = drafts[key]
    try {
      const updated = await call('review:saveField', { id: doc.value.id, key, value })
      doc.value = updated
      // The field takes the stored form of its value, unless the operator changed it while the save was on its way
      // (Enter, then F4 at once): that change is theirs, and is saved in its turn.
      if (drafts[key] === shown) drafts[key] = updated.fields[key]
      return true
    } catch (err) {
      notifyError(err)
      return false
    }
  }

  // Saves run one after another, and undo waits for them: a click on Undo blurs the field (which saves it) first.
  let saving: Promise<unknown> = Promise.resolve()
  const save = (key: FieldKey): Promise<boolean> => {
    const run = saving.then(async () => {
      if (!doc.value || !isDirty(key)) return true
      const before = doc.value.fields[key]
      const ok = await write(key, drafts[key])
      if (ok && doc.value.fields[key] !== before) undoStack.push({ key, value: before })
      return ok
    })
    saving = run
    return run
  }

  const saveAll = async (): Promise<boolean> => {
    for (const key of FIELD_KEYS) if (!(await save(key))) return false
    return true
  }

  const settle = async (channel: 'review:approve' | 'review:reject', reason = ''): Promise<boolean> => {
    if (!doc.value || !(await saveAll())) return false
    try {
      show(channel === 'review:approve' ? await call(channel, { id: doc.value.id }) : await call(channel, { id: doc.value.id, reason }))
      undoStack.length = 0
      return true
    } catch (err) {
      notifyError(err)
      return false
    }
  }

  const decide = async (line: MrzLineKey, index: number, decision: 'accepted' | 'undone'): Promise<boolean> => {
    const response = doc.value?.response
    if (!response) return false
    decisions[line][index] = decision
    drafts[line] = lineWithDecisions(response.data[line], lineCorrections(response, line), decisions[line])
    if (!(await save(line)) || !doc.value) return false
    // Kept in the store too, so the document opens again with it decided.
    try {
      doc.value = await call('review:acceptCorrection', { id: doc.value.id, line, index, accepted: decision === 'accepted' })
      return true
    } catch (err) {
      notifyError(err)
      return false
    }
  }

  const pick = async (key: FieldKey, side: 'printed' | 'mrz', mrzValue: string): Promise<boolean> => {
    if (side === 'mrz') {
      drafts[key] = printedFromMrz(key, mrzValue)
      return save(key)
    }
    const lines = mrzWithPrinted(key, drafts)
    if (!lines) return false
    drafts.mrzLine1 = lines.mrzLine1
    drafts.mrzLine2 = lines.mrzLine2
    return (await save(key)) && (await save('mrzLine1')) && (await save('mrzLine2'))
  }

  return {
    doc,
    drafts,
    flags,
    decisions,
    decide,
    pick,
    isDirty,
    save,
    revert: (key) => {
      if (doc.value) drafts[key] = doc.value.fields[key]
    },
    flush: () => saving.then(() => undefined),
    async undo() {
      await saving
      const last = undoStack.pop()
      if (!last) return null
      if (!(await write(last.key, last.value))) undoStack.push(last)
      return last.key
    },
    nextFlagged(after) {
      const keys = flaggedKeys(flags.value)
      const start = after === null ? -1 : FIELD_KEYS.indexOf(after)
      return keys.find((k) => FIELD_KEYS.indexOf(k) > start) ?? null
    },
    approve: () => settle('review:approve'),
    reject: (reason) => settle('review:reject', reason)
  }
}

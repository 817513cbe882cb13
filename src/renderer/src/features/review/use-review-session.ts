import { computed, onScopeDispose, reactive, ref, watch } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import type { DocumentDetail } from '../../../../shared/domain/document'
import { emptyPassportData, FIELD_KEYS } from '../../../../shared/domain/fields'
import type { FieldKey, PassportData } from '../../../../shared/domain/fields'
import { api, call } from '../../lib/api'
import { notifyError } from '../../lib/notify'
import { computeFlags, flaggedKeys } from './field-flags'
import type { FieldFlags } from './field-flags'

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
  nextFlagged: (after: FieldKey | null) => FieldKey | null
  approve: () => Promise<boolean>
  reject: (reason: string) => Promise<boolean>
}

export function useReviewSession(id: Ref<number | null>): ReviewSession {
  const doc = ref<DocumentDetail | null>(null)
  const drafts = reactive<PassportData>(emptyPassportData())
  // Each entry is the value a field had before one saved edit.
  const undoStack: { key: FieldKey; value: string }[] = []
  const flags = computed(() => computeFlags(drafts, doc.value?.response ?? null))
  const isDirty = (key: FieldKey): boolean => doc.value !== null && drafts[key] !== doc.value.fields[key]

  const show = (d: DocumentDetail | null): void => {
    doc.value = d
    Object.assign(drafts, d?.fields ?? emptyPassportData())
  }
  const load = async (): Promise<void> => {
    if (id.value === null) return show(null)
    try {
      show(await call('documents:get', { id: id.value }))
    } catch (err) {
      show(null)
      notifyError(err)
    }
  }
  // Undo history belongs to one document: a reload of the same one (its own save's change event) keeps it.
  watch(
    id,
    () => {
      undoStack.length = 0
      void load()
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
    try {
      const updated = await call('review:saveField', { id: doc.value.id, key, value })
      doc.value = updated
      drafts[key] = updated.fields[key]
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

  const decide = async (channel: 'review:approve' | 'review:reject', reason = ''): Promise<boolean> => {
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

  return {
    doc,
    drafts,
    flags,
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
      return keys.find((k) => FIELD_KEYS.indexOf(k) > start) ?? keys[0] ?? null
    },
    approve: () => decide('review:approve'),
    reject: (reason) => decide('review:reject', reason)
  }
}

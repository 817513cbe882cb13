import { ref } from 'vue'
import { toErrorInfo } from '../../../shared/domain/errors'

/** A message in the status bar. */
export interface Notice {
  id: number
  kind: 'info' | 'error'
  text: string
}

// Long enough to read a sentence, short enough not to pile up during a batch.
const NOTICE_MS = 6000
let next = 1

/** The visible notices, newest last. */
export const notices = ref<Notice[]>([])

export function notify(text: string, kind: Notice['kind'] = 'info'): void {
  const id = next++
  notices.value = [...notices.value, { id, kind, text }]
  setTimeout(() => (notices.value = notices.value.filter((n) => n.id !== id)), NOTICE_MS)
}

/** Show a failure with its stable code: errors are never swallowed silently. */
export function notifyError(err: unknown): void {
  const { code, message } = toErrorInfo(err)
  notify(`${code}: ${message}`, 'error')
}

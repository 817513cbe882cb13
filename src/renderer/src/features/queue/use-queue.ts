import { onScopeDispose, reactive, ref, watch } from 'vue'
import type { DocumentStatus, DocumentSummary, QueueProgress, StatusCounts } from '../../../../shared/domain/document'
import { api, call } from '../../lib/api'
import { notifyError } from '../../lib/notify'

// Bursts of document events during a batch refresh the list at most this often.
const REFRESH_DEBOUNCE_MS = 150

/** The queue list's state: filters, the current page, counts and batch progress, kept fresh by main's events. */
export function useQueue(): {
  filter: { status: DocumentStatus | null; search: string }
  items: { value: DocumentSummary[] }
  counts: { value: StatusCounts | null }
  progress: { value: QueueProgress | null }
  refresh: () => Promise<void>
} {
  const filter = reactive<{ status: DocumentStatus | null; search: string }>({ status: null, search: '' })
  const items = ref<DocumentSummary[]>([])
  const counts = ref<StatusCounts | null>(null)
  const progress = ref<QueueProgress | null>(null)

  const refresh = async (): Promise<void> => {
    try {
      const page = await call('documents:list', { status: filter.status ?? undefined, search: filter.search || undefined })
      items.value = page.items
      counts.value = page.counts
    } catch (err) {
      notifyError(err)
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const scheduleRefresh = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS)
  }

  const offs = [api.on('documents:changed', scheduleRefresh), api.on('queue:progress', (p) => (progress.value = p))]
  onScopeDispose(() => {
    clearTimeout(timer)
    for (const off of offs) off()
  })
  watch(filter, scheduleRefresh)
  void refresh()
  void call('queue:getProgress', {}).then((p) => (progress.value = p), notifyError)
  return { filter, items, counts, progress, refresh }
}

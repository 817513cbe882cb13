import { onScopeDispose, reactive, ref, watch } from 'vue'
import type { DocumentStatus, QueueProgress, StatusCounts } from '../../../../shared/domain/document'
import { api, call } from '../../lib/api'
import { notifyError } from '../../lib/notify'
import { byAttention } from './queue-order'
import type { QueueEntry, QueueSort } from './queue-order'
import { queueSort } from './queue-sort'

// Bursts of document events during a batch refresh the list at most this often.
const REFRESH_DEBOUNCE_MS = 150

/** The queue list's state: filters, the current page, counts and batch progress, kept fresh by main's events. */
export function useQueue(): {
  filter: { status: DocumentStatus | null; search: string; sort: QueueSort }
  items: { value: QueueEntry[] }
  counts: { value: StatusCounts | null }
  progress: { value: QueueProgress | null }
  refresh: () => Promise<void>
} {
  // The order is the shared one (queue-sort): the review screen opens the next document in it.
  const filter = reactive({ status: null as DocumentStatus | null, search: '', sort: queueSort })
  const items = ref<QueueEntry[]>([])
  const counts = ref<StatusCounts | null>(null)
  const progress = ref<QueueProgress | null>(null)

  const refresh = async (): Promise<void> => {
    try {
      const page = await call('documents:list', { status: filter.status ?? undefined, search: filter.search || undefined })
      const attention = page.items.length ? await call('documents:attention', { ids: page.items.map((d) => d.id) }) : []
      const flagged = new Map(attention.map((a) => [a.id, a.flagged]))
      const entries = page.items.map((d) => ({ ...d, flagged: flagged.get(d.id) ?? null }))
      items.value = filter.sort === 'attention' ? entries.sort(byAttention) : entries
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

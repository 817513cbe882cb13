import { onScopeDispose } from 'vue'
import type { EventContract } from '../../../../shared/contract'
import { api } from '../../lib/api'

// A batch's burst of events reloads once, this long after the last of them.
const RELOAD_DEBOUNCE_MS = 150

/** Call `reload` after new audit events (those `concerns` accepts), once per burst, for as long as the caller lives. */
export function useAuditReload(reload: () => void, concerns: (e: EventContract['audit:appended']) => boolean = () => true): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const off = api.on('audit:appended', (e) => {
    if (!concerns(e)) return
    clearTimeout(timer)
    timer = setTimeout(reload, RELOAD_DEBOUNCE_MS)
  })
  onScopeDispose(() => {
    clearTimeout(timer)
    off()
  })
}

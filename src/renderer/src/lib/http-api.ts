import { EVENT_CHANNELS } from '../../../shared/contract'
import type { Api, EventChannel, EventContract, Result } from '../../../shared/contract'
import { fromWire, toWire } from '../../../shared/wire'

/** The browser-mode transport: the same contract, as `POST /api/<channel>` and Server-Sent Events. */
export function createHttpApi(base = ''): Api {
  let source: EventSource | null = null
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  // One EventSource for all subscriptions, opened on first use; the browser reconnects it by itself.
  const ensureSource = (): void => {
    if (source) return
    source = new EventSource(`${base}/api/events`)
    for (const name of EVENT_CHANNELS) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent).data as string) as never
        for (const l of listeners.get(name) ?? []) l(payload)
      })
    }
  }

  return {
    async invoke(channel, request) {
      try {
        const res = await fetch(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: toWire(request)
        })
        return fromWire(await res.text()) as Result<never>
      } catch (err) {
        return { ok: false, error: { code: 'INTERNAL', message: `the workstation server cannot be reached: ${String(err)}` } }
      }
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void) {
      ensureSource()
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: never) => void)
    },
    imageUrl: (id) => `${base}/documents/${id}/image`
  }
}

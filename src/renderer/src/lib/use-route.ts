import { ref } from 'vue'

/** The screens, addressed by the URL hash so that a reload (and an end-to-end test) lands on the same one. */
export type Route = { name: 'queue'; id: number | null } | { name: 'audit' } | { name: 'stats' }

function parse(hash: string): Route {
  if (hash === '#/audit') return { name: 'audit' }
  if (hash === '#/stats') return { name: 'stats' }
  const m = /^#\/documents\/(\d+)$/.exec(hash)
  return { name: 'queue', id: m ? Number(m[1]) : null }
}

export const route = ref<Route>(parse(window.location.hash))
window.addEventListener('hashchange', () => (route.value = parse(window.location.hash)))

/** Go to a screen. */
export function navigate(to: Route): void {
  window.location.hash = to.name !== 'queue' ? `#/${to.name}` : to.id === null ? '#/' : `#/documents/${to.id}`
}

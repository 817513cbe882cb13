import { onBeforeUnmount, onMounted } from 'vue'
import { replayKeys } from './replay-keys'
import { WedgeBurst } from './wedge-burst'
import { wedgeConfig } from './wedge-config'

/**
 * Listen for keyboard-wedge MRZ reads anywhere in the window, before any field or shortcut sees the keys
 * (capture phase): `onRead` gets each read's text; a person's typing reaches its field unchanged.
 */
export function useMrzWedge(onRead: (text: string) => void): void {
  const wedge = new WedgeBurst<EventTarget | null>(wedgeConfig, { replay: replayKeys, read: onRead })
  let timer: ReturnType<typeof setTimeout> | undefined
  const onKeydown = (e: KeyboardEvent): void => {
    // Shortcuts and input-method composition are never a reader's.
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return wedge.end()
    clearTimeout(timer)
    if (wedge.key(e.key, e.timeStamp, e.target)) {
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    if (wedge.holding) timer = setTimeout(() => wedge.end(), wedge.gapMs)
  }
  onMounted(() => window.addEventListener('keydown', onKeydown, true))
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown, true)
    clearTimeout(timer)
    wedge.end()
  })
}

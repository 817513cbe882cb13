import type { HeldKey } from './wedge-burst'

/** Can a held key be typed into this element? Text inputs and text areas that take input. */
function editable(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled
  return el instanceof HTMLInputElement && ['text', 'search', ''].includes(el.type) && !el.readOnly && !el.disabled
}

/**
 * Type held keys where they were aimed, as the browser would have: at the caret, replacing a selection, with the
 * input event that v-model and the field's own handlers listen to. Keys aimed at anything else did nothing there.
 */
export function replayKeys(keys: readonly HeldKey<EventTarget | null>[]): void {
  for (const { char, target } of keys) {
    if (!editable(target)) continue
    const start = target.selectionStart ?? target.value.length
    const end = target.selectionEnd ?? start
    target.setRangeText(char, start, end, 'end')
    target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: char }))
  }
}

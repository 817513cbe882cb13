/**
 * What each position of a TD3 line may hold. The general template is ICAO 9303 part 4 and nothing else: it reads
 * any state's passport. A document family (recognition/families) may narrow a slot to what its documents are known
 * to print there; a narrowed slot names the rule (`prior`), so that every character it changes is reported with it.
 */

import type { SlotClass } from './correct-chars'
import { classCharset, lookalikesOf } from './correct-chars'

/** One position: the class ICAO allows there, narrowed by a family's rule where `only` is given. */
export interface TemplateSlot {
  cls: SlotClass
  /** The characters a family's documents print here (a subset of `cls`), and the rule that says so. */
  only?: string
  prior?: string
}

/** Both lines' slots. */
export interface Td3Template {
  line1: readonly TemplateSlot[]
  line2: readonly TemplateSlot[]
}

/** `n` slots of one class. */
export const slots = (n: number, cls: SlotClass, only?: string, prior?: string): TemplateSlot[] =>
  Array.from({ length: n }, () => (only === undefined ? { cls } : { cls, only, prior }))

/** TD3 line 1 (ICAO 9303-4 §4.2.2): P, the document type (or '<'), issuing state ('D<<'), the name, fillers. */
export const TD3_LINE1: readonly TemplateSlot[] = [{ cls: 'alpha', only: 'P', prior: 'td3:documentCode' }, ...slots(43, 'alphaFill')]

/**
 * TD3 line 2: document number (up to nine characters, '<' filled) and check, nationality, birth date and check,
 * sex, expiry and check, optional data (letters, digits or fillers) and its check ('<' or 0 when empty),
 * composite check.
 */
export const TD3_LINE2: readonly TemplateSlot[] = [
  ...slots(9, 'fill'),
  { cls: 'digit' },
  ...slots(3, 'alphaFill'),
  ...slots(7, 'digit'),
  { cls: 'sex' },
  ...slots(7, 'digit'),
  ...slots(14, 'fill'),
  { cls: 'digitFill' },
  { cls: 'digit' }
]

/** The template every page is first read with. */
export const GENERAL_TD3: Td3Template = { line1: TD3_LINE1, line2: TD3_LINE2 }

/** The characters a slot may hold. */
export function slotChars(slot: TemplateSlot): string {
  return slot.only ?? classCharset(slot.cls)
}

/** Does `ch` fit the slot (its family's narrowing included)? */
export function slotFits(ch: string, slot: TemplateSlot): boolean {
  return ch.length === 1 && slotChars(slot).includes(ch)
}

/**
 * `ch` if it fits the slot, else its likeliest look-alike that does; failing that, `ch` itself where ICAO allows
 * it and only a family's rule does not (a family's rule never overwrites a reading with a character nobody
 * read); else null.
 */
export function toSlot(ch: string, slot: TemplateSlot): string | null {
  if (slotFits(ch, slot)) return ch
  const lookalike = lookalikesOf(ch).find((c) => slotFits(c, slot))
  if (lookalike !== undefined) return lookalike
  if (slot.only !== undefined) return toSlot(ch, { cls: slot.cls })
  return null
}

/** The look-alikes of `ch` that the slot may hold (not `ch` itself). */
export function slotLookalikes(ch: string, slot: TemplateSlot): string[] {
  return lookalikesOf(ch).filter((c) => c !== ch && slotFits(c, slot))
}

/** Why a character that fits `cls` but not the slot was changed: the family's rule. */
export function narrowedBy(ch: string, slot: TemplateSlot): string | undefined {
  return slot.only !== undefined && classCharset(slot.cls).includes(ch) && !slot.only.includes(ch) ? slot.prior : undefined
}

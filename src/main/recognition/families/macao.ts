/**
 * Passports of the Macao Special Administrative Region (document code P<, issuing state and nationality CHN).
 * Facts, and where they come from:
 * - Numbers are two letters and seven digits (a published summary of Macao's passport regulation, on
 *   trklw.com), the letters MA or MB so far (public number validators that cite zh.wikipedia,
 *   doly-dev/util-helpers `isPassport`).
 * - The optional data carries the holder's Macao resident identity card number: eight digits, the last its
 *   check digit, without its brackets (the card's format: Wikipedia, "Macau Resident Identity Card").
 * - Names are Portuguese-style romanisations of Cantonese (IEONG, LEONG, KOK, U, IAO…): no pinyin rule applies.
 */

import type { FamilyRules } from './family'
import { MACAO_PAGE } from './sar-page'
import type { TemplateSlot } from '../mrz/template'
import { slots, TD3_LINE1, TD3_LINE2 } from '../mrz/template'

const SERIES = 'macao:numberSeries'
const ID = 'macao:residentCard'

const LINE2: readonly TemplateSlot[] = [
  { cls: 'fill', only: 'M', prior: SERIES },
  { cls: 'fill', only: 'AB', prior: SERIES },
  ...slots(7, 'fill', '0123456789', SERIES),
  ...TD3_LINE2.slice(9, 28),
  ...slots(8, 'fill', '0123456789<', ID),
  ...TD3_LINE2.slice(36)
]

export const MACAO: FamilyRules = {
  family: 'macao',
  prior: { template: { line1: TD3_LINE1, line2: LINE2 } },
  spelling: null,
  page: MACAO_PAGE
}

/** The letter this family's passport numbers begin with. */
export const MACAO_SERIES = 'M'

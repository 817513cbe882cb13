/**
 * Passports of the Hong Kong Special Administrative Region (document code P<, issuing state and nationality CHN).
 * Facts, and where they come from:
 * - Numbers are one letter and eight digits: H series (1997–2007) and K series (e-passports, from 2007), and KJ
 *   with seven digits once the K series ran out. Wikipedia, "Hong Kong Special Administrative Region passport";
 *   the HKSAR number pattern of public validators that cite zh.wikipedia (doly-dev/util-helpers `isPassport`).
 * - The optional data carries the holder's Hong Kong identity card number: one or two letters, six digits and a
 *   check character (a digit or A), without its brackets (the card's format: Wikipedia, "Hong Kong identity
 *   card", section "Identity card number").
 * - Names are Cantonese romanisations (CHAN, WONG, CHEUNG, LUK, MAK…), not pinyin: syllables may end in K, so no
 *   line 1 rule of the mainland's applies.
 */

import type { FamilyRules } from './family'
import { HONG_KONG_ID } from './identity-numbers'
import { HONG_KONG_PAGE } from './sar-page'
import type { TemplateSlot } from '../mrz/template'
import { slots, TD3_LINE1, TD3_LINE2 } from '../mrz/template'

const SERIES = 'hongkong:numberSeries'
const ID = 'hongkong:identityCard'

const LINE2: readonly TemplateSlot[] = [
  { cls: 'fill', only: 'HK', prior: SERIES },
  { cls: 'fill', only: 'J0123456789', prior: SERIES },
  ...slots(7, 'fill', '0123456789', SERIES),
  ...TD3_LINE2.slice(9, 28),
  { cls: 'fill', only: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<', prior: ID },
  { cls: 'fill', only: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<', prior: ID },
  ...slots(5, 'fill', '0123456789<', ID),
  ...slots(2, 'fill', '0123456789A<', ID),
  ...TD3_LINE2.slice(37)
]

export const HONG_KONG: FamilyRules = {
  family: 'hongkong',
  prior: { template: { line1: TD3_LINE1, line2: LINE2 }, identity: HONG_KONG_ID },
  spelling: null,
  page: HONG_KONG_PAGE
}

/** Number series letters of this family's passports. */
export const HONG_KONG_SERIES = 'HK'

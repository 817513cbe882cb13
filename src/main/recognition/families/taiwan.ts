/**
 * Passports of the Republic of China (Taiwan): issuing state and nationality TWN. Facts, and where they come from:
 * - Passport numbers are nine digits (Wikipedia, "Taiwan passport"; the PRADO specimen TWN-AO-04001).
 * - The optional data carries the national identification number, a letter and nine digits (A123456789), when
 *   the holder has household registration; it is empty for those without one (same sources).
 * - Names are Wade–Giles or other romanisations with hyphenated given names (CHEN<<MEI<LING for CHEN, MEI-LING).
 */

import type { FamilyRules } from './family'
import { TAIWAN_ID } from './identity-numbers'
import { TAIWAN_PAGE } from './taiwan-page'
import type { TemplateSlot } from '../mrz/template'
import { slots, TD3_LINE1, TD3_LINE2 } from '../mrz/template'

const SERIES = 'taiwan:numberSeries'
const ID = 'taiwan:nationalId'

const LINE2: readonly TemplateSlot[] = [
  ...slots(9, 'fill', '0123456789', SERIES),
  ...TD3_LINE2.slice(9, 28),
  { cls: 'fill', only: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<', prior: ID },
  ...slots(9, 'fill', '0123456789<', ID),
  ...TD3_LINE2.slice(38)
]

export const TAIWAN: FamilyRules = {
  family: 'taiwan',
  prior: { template: { line1: TD3_LINE1, line2: LINE2 }, identity: TAIWAN_ID },
  spelling: null,
  page: TAIWAN_PAGE
}

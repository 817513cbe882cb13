/**
 * Passports of the Macao Special Administrative Region (document code P<, issuing state and nationality CHN).
 * Facts, and where they come from:
 * - Numbers begin with M: MA/MB followed by digits on the published specimens (Wikipedia, "Macao Special
 *   Administrative Region passport"); the rest of the series is not narrowed here.
 * - Names are Portuguese-style romanisations of Cantonese (IEONG, LEONG, KOK, U, IAO…): no pinyin rule applies.
 */

import type { FamilyRules } from './family'
import { MACAO_PAGE } from './sar-page'
import { GENERAL_TD3 } from '../mrz/template'

export const MACAO: FamilyRules = { family: 'macao', prior: { template: GENERAL_TD3 }, pinyinNames: false, page: MACAO_PAGE }

/** The letter this family's passport numbers begin with. */
export const MACAO_SERIES = 'M'

/**
 * Passports of the People's Republic of China issued on the mainland (document code PO for the ordinary
 * passport). Facts, and where they come from:
 * - Ordinary passport numbers: 'E' + 8 digits (e-passports from 2012), 'E' + a letter + 7 digits once the digit
 *   series ran out (from 2017), and the older 'G' + 8 digits (issued 2006–2012, valid until 2022). Wikipedia,
 *   "Chinese passport", section "Passport number"; the PRADO specimen CHN-AO-04001 shows E + 8 digits.
 * - The optional data holds the holder's citizen ID number encoded as 13 letters and a final letter or digit,
 *   with its own check digit (as printed on issued passports, e.g. the PRADO specimen's line 2).
 * - Names are pinyin (GB/T 28039-2011, the rules for writing Chinese names in the Latin alphabet).
 */

import type { FamilyRules } from './family'
import { PINYIN_SPELLING } from './pinyin'
import type { PageRules } from './page-rules'
import { AUTHORITIES, NATIONALITY, PLACES } from './places'
import type { TemplateSlot } from '../mrz/template'
import { slots, TD3_LINE1, TD3_LINE2 } from '../mrz/template'

const SERIES = 'mainland:numberSeries'
const PERSONAL = 'mainland:encodedCitizenId'

/** Line 2 of an ordinary passport (PO): the number series and the encoded citizen ID narrow the general slots. */
const LINE2: readonly TemplateSlot[] = [
  { cls: 'alpha', only: 'EG', prior: SERIES },
  { cls: 'fill', only: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', prior: SERIES },
  ...slots(7, 'fill', '0123456789', SERIES),
  ...TD3_LINE2.slice(9, 28),
  ...slots(13, 'fill', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<', PERSONAL),
  ...TD3_LINE2.slice(41)
]

/** The mainland data page: Simplified Chinese, pinyin names, places of birth and issue by province. */
export const MAINLAND_PAGE: PageRules = {
  script: 'cn',
  givenNames: 'joined',
  pinyin: true,
  furniture: /REPUBLIC|PASSPORT|人民共和国|护照/,
  number: /^[EG][A-Z0-9]?\d{7,8}$/,
  countryCode: 'CHN',
  nationality: NATIONALITY,
  authorities: AUTHORITIES,
  places: PLACES,
  printsIssuePlace: true,
  sexInChinese: true
}

/** Line 1 of an ordinary passport: its document code is PO. */
const LINE1: readonly TemplateSlot[] = [
  TD3_LINE1[0],
  { cls: 'alphaFill', only: 'O', prior: 'mainland:ordinaryPassport' },
  ...TD3_LINE1.slice(2)
]

/** An ordinary passport: document code PO, or a number of the ordinary series. */
export const MAINLAND_ORDINARY: FamilyRules = {
  family: 'mainland',
  prior: { template: { line1: LINE1, line2: LINE2 }, line1: { pinyin: 'mainland:pinyinName' } },
  spelling: PINYIN_SPELLING,
  page: MAINLAND_PAGE
}

/** The ordinary passport's number series (above). */
export const ORDINARY_NUMBER = /^(E[A-Z0-9]\d{7}|G\d{8})$/

/** Diplomatic, service and other mainland passports: their number series are not public, so only the names are known. */
export const MAINLAND_OTHER: FamilyRules = {
  family: 'mainland',
  prior: { template: { line1: TD3_LINE1, line2: TD3_LINE2 }, line1: { pinyin: 'mainland:pinyinName' } },
  spelling: PINYIN_SPELLING,
  page: MAINLAND_PAGE
}

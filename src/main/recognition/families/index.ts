/**
 * The family a passport belongs to, decided from what its MRZ was read to say under ICAO's rules alone: the
 * issuing state and nationality, then the document code and the number's series letter. A family's rules are
 * applied only after this, so a page is never read into a family its own characters do not name.
 */

import { isStateCode } from '../../../shared/domain/mrz-states'
import type { FamilyRules } from './family'
import { FOREIGN } from './foreign'
import { HONG_KONG, HONG_KONG_SERIES } from './hongkong'
import { MACAO, MACAO_SERIES } from './macao'
import { MAINLAND_ORDINARY, MAINLAND_OTHER, ORDINARY_NUMBER } from './mainland'
import { TAIWAN } from './taiwan'
import { matchNationality } from './places'
import type { PageLine } from '../passport/page-lines'

export type { FamilyRules } from './family'

/**
 * Does the MRZ name `code` as the state? Both the issuing state and the nationality say so, or one says so and
 * the other is no state's code at all (misread): CHE, one letter from CHN, is Switzerland, not a misread China.
 */
function names(state: string, nationality: string, code: string): boolean {
  return (state === code && (nationality === code || !isStateCode(nationality))) || (nationality === code && !isStateCode(state))
}

/** The family of a passport whose MRZ, read under ICAO's rules alone, gave these lines. */
export function familyOf(line1: string, line2: string): FamilyRules {
  const state = line1.slice(2, 5)
  const nationality = line2.slice(10, 13)
  if (names(state, nationality, 'TWN')) return TAIWAN
  if (!names(state, nationality, 'CHN')) return FOREIGN
  const type = line1.slice(0, 2)
  // The SARs' passports carry P<; the mainland's ordinary passport PO, its others PD, PS…
  if (type === 'PO' || ORDINARY_NUMBER.test(line2.slice(0, 9))) return MAINLAND_ORDINARY
  if (type !== 'P<') return MAINLAND_OTHER
  if (line2.startsWith(MACAO_SERIES)) return MACAO
  if (HONG_KONG_SERIES.includes(line2[0])) return HONG_KONG
  // P< is the SARs' code, never the mainland's: with the series letter unread, the optional data tells them apart
  // (Hong Kong's identity card number begins with a letter, Macao's resident card number with a digit).
  return /^\d/.test(line2.slice(28)) ? MACAO : HONG_KONG
}

/**
 * The family once the printed zone is read too. The MRZ decides, except where it names no state at all (neither
 * its issuing state nor its nationality is any state's code: a garbled line): then a page that prints the
 * People's Republic's nationality (中国/CHINESE, 中國/CHINESE) is read as a Chinese page, which its MRZ would have
 * said had it been legible.
 */
export function familyByPage(rules: FamilyRules, line1: string, line2: string, lines: readonly PageLine[]): FamilyRules {
  if (rules !== FOREIGN || isStateCode(line1.slice(2, 5)) || isStateCode(line2.slice(10, 13))) return rules
  const chinese = lines.some((l) => (matchNationality(l.text)?.score ?? 0) >= PRINTED_NATIONALITY && /[\u4e00-\u9fff]/.test(l.text))
  return chinese ? MAINLAND_OTHER : rules
}

/** How closely a printed line must read 中国/CHINESE to name the page's state. */
const PRINTED_NATIONALITY = 0.9

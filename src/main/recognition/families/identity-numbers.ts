/**
 * The identity-card numbers that Hong Kong and Taiwan passports carry in the MRZ's optional data, with their own
 * published check characters: a second check over those cells, independent of ICAO's 7-3-1 digit. Macao's
 * resident card has a check digit too, but its rule is not published, so Macao has none here.
 */

import type { IdentityNumberRule } from '../mrz/correct'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/**
 * Hong Kong identity card number without its brackets: one or two letters, six digits, a check character.
 * Wikipedia, "Hong Kong identity card", section "Identity card number": letters count A=10 … Z=35 and a missing
 * second letter 36 (a space), weights 9 down to 2, and the check is 11 − (sum mod 11), written A for 10 and 0
 * for 11.
 */
function hongKongIdHolds(id: string): boolean {
  const m = /^([A-Z]{1,2})(\d{6})([0-9A])$/.exec(id)
  if (!m) return false
  const padded = (m[1].length === 1 ? ' ' : '') + m[1] + m[2]
  const value = (c: string): number => (c === ' ' ? 36 : UPPER.includes(c) ? UPPER.indexOf(c) + 10 : Number(c))
  const sum = [...padded].reduce((s, c, i) => s + value(c) * (9 - i), 0)
  const check = (11 - (sum % 11)) % 11
  return m[3] === (check === 10 ? 'A' : String(check))
}

/**
 * Taiwan national identification number: an area letter, 1 or 2 for the holder's sex, seven digits and a check
 * digit. Wikipedia, "National identification card (Taiwan)", section "Identification number": the letter stands
 * for a two-digit number (A=10 … H=17, J=18 … N=22, P=23 … V=29, X=30, Y=31, W=32, Z=33, I=34, O=35), whose
 * digits weigh 1 and 9, the next eight digits 8 down to 1 and the check digit 1; the total is a multiple of 10.
 */
function taiwanIdHolds(id: string): boolean {
  if (!/^[A-Z][12]\d{8}$/.test(id)) return false
  const v = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'.indexOf(id[0]) + 10
  let sum = Math.floor(v / 10) + (v % 10) * 9
  for (let i = 1; i < 10; i++) sum += Number(id[i]) * (i < 9 ? 9 - i : 1)
  return sum % 10 === 0
}

/** The card number, then fillers to the optional data's end. */
const leading = (optional: string): string => optional.replace(/<+$/, '')

export const HONG_KONG_ID: IdentityNumberRule = { holds: (o) => hongKongIdHolds(leading(o)) }
export const TAIWAN_ID: IdentityNumberRule = { holds: (o) => taiwanIdHolds(leading(o)) }

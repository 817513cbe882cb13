import { checkDigit, compositeSource, isMrzLine, line2Checks, TD3_LINE2 } from '../../../../shared/domain/mrz'
import type { MrzChecks } from '../../../../shared/domain/response'

/** One check digit of MRZ line 2: what the line says, and what the characters it covers give. */
export interface CheckDigitRow {
  check: keyof MrzChecks
  covers: string
  read: string
  computed: string
  holds: boolean
}

const slice =
  ([start, end]: readonly [number, number]) =>
  (line2: string) =>
    line2.slice(start, end)

// Each check digit, the characters it covers and where it sits (ICAO 9303 part 4, TD3).
const SLOTS: [keyof MrzChecks, (line2: string) => string, number][] = [
  ['passportNumber', slice(TD3_LINE2.passportNumber), TD3_LINE2.passportNumberCheck],
  ['birthDate', slice(TD3_LINE2.birthDate), TD3_LINE2.birthDateCheck],
  ['expiryDate', slice(TD3_LINE2.expiryDate), TD3_LINE2.expiryDateCheck],
  ['personalNumber', slice(TD3_LINE2.personalNumber), TD3_LINE2.personalNumberCheck],
  ['composite', compositeSource, TD3_LINE2.composite]
]

/** Every check digit of `line2`, recomputed as the operator types; none until the line is 44 MRZ characters. */
export function mrzCheckDigits(line2: string): CheckDigitRow[] {
  if (!isMrzLine(line2)) return []
  const checks = line2Checks(line2)
  return SLOTS.map(([check, covers, at]) => {
    const c = covers(line2)
    return { check, covers: c, read: line2[at], computed: String(checkDigit(c)), holds: checks[check] === true }
  })
}

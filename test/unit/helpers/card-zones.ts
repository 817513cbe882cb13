import { checkDigit, padMrz } from '../../../src/shared/domain/mrz'

/** What a synthetic identity card's zone says; dates as the MRZ writes them (YYMMDD). */
export interface CardInput {
  documentCode: string
  state: string
  number: string
  birth: string
  sex: 'M' | 'F' | '<'
  expiry: string
  nationality: string
  surname: string
  givenNames: string
}

/** The holder and card of ICAO Doc 9303's TD1 and TD2 specimens (the fictitious state Utopia). */
export const SPECIMEN_CARD: CardInput = {
  documentCode: 'I',
  state: 'UTO',
  number: 'D23145890',
  birth: '740812',
  sex: 'F',
  expiry: '120415',
  nationality: 'UTO',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA'
}

const nameField = (c: CardInput, n: number): string => padMrz(`${c.surname}<<${c.givenNames.replace(/ /g, '<')}`, n)

/**
 * A number's cells and the optional data: a number over 9 characters keeps its first 9 in the number field, a
 * filler where its check digit would be, and runs on into the optional data with its check digit there
 * (ICAO 9303-5 §4.2.2), as the `mrz` package reads it back.
 */
function numberCells(number: string, optional: number): { cells: string; optional: string } {
  if (number.length <= 9) return { cells: padMrz(number, 9) + checkDigit(padMrz(number, 9)), optional: '<'.repeat(optional) }
  return { cells: `${number.slice(0, 9)}<`, optional: padMrz(number.slice(9) + checkDigit(number), optional) }
}

/** The three lines of a TD1 zone (ICAO 9303-5), every check digit computed. */
export function td1Zone(c: CardInput): [string, string, string] {
  const { cells, optional } = numberCells(c.number, 15)
  const line1 = `${padMrz(c.documentCode, 2)}${c.state}${cells}${optional}`
  const upper = `${c.birth}${checkDigit(c.birth)}${c.sex}${c.expiry}${checkDigit(c.expiry)}${c.nationality}${'<'.repeat(11)}`
  const composite = checkDigit(line1.slice(5) + upper.slice(0, 7) + upper.slice(8, 15) + upper.slice(18))
  return [line1, `${upper}${composite}`, nameField(c, 30)]
}

/** The two lines of a TD2 zone (ICAO 9303-6), every check digit computed. */
export function td2Zone(c: CardInput): [string, string] {
  const { cells, optional } = numberCells(c.number, 7)
  const body = `${cells}${c.nationality}${c.birth}${checkDigit(c.birth)}${c.sex}${c.expiry}${checkDigit(c.expiry)}${optional}`
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21))
  return [`${padMrz(c.documentCode, 2)}${c.state}${nameField(c, 31)}`, `${body}${composite}`]
}

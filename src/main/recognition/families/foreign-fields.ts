/**
 * The fields of another state's passport. What the MRZ carries is read from it (it is the one part of the page
 * every state prints the same way); what only the printed zone carries is read where the page says what it is:
 * places and authority under their English, French or Spanish captions, the issue date where the expiry ties it
 * down. Anything else (a name in Chinese, a value without its caption) is left empty at 0.
 */

import type { FieldKey } from '../../../shared/domain/fields'
import { FIELD_KEYS } from '../../../shared/domain/fields'
import { formatNameEn, formatSex } from '../../../shared/domain/formats'
import { MRZ_LENGTH, padMrz } from '../../../shared/domain/mrz'
import { mrzForms, NAME_ZONE } from '../../../shared/domain/mrz-names'
import type { FieldReads } from '../passport/field-reads'
import { agreeing, NONE, pct } from '../passport/field-reads'
import type { PageLine } from '../passport/page-lines'
import type { MrzRead } from '../mrz/read'
import { isStateCode } from '../../../shared/domain/mrz-states'
import { validFor } from './validity'
import type { CaptionedField } from './foreign-captions'
import { valueUnderCaption } from './foreign-captions'
import type { PrintedDate } from './foreign-dates'
import { isoCandidates, readPrintedDate } from './foreign-dates'
import type { LetterMark } from '../passport/letter-marks'
import { withSeenMarks } from './name-alphabets'

/** The marks seen on a printed line's letters (passport/letter-marks.ts), in its recogniser characters' order. */
export type MarksOf = (line: PageLine) => readonly (LetterMark | null)[] | null

/** No check digit guards these: a field read from them alone is flagged for a look unless the print agrees. */
const UNCHECKED_CAP = 85
/** A document code on a passport's lines that does not open with P. */
const NOT_A_PASSPORT_CODE = 60
/** A sex letter whose cell no holding check digit beside it puts in its place. */
const SEX_UNPLACED = 60
/** An expiry this sure can vouch for the issue date it is tied to. */
const SURE = 90
/** A birth date whose century only a guess decides. */
const CENTURY_GUESS = 60
/** A letter of the name that carries a mark, read or put back from what was seen on the page. */
const MARKED_LETTER = 60
/** Line 1's name found in the printed zone too, word for word: two independent readings agree. */
const AGREED = 95
/**
 * States whose passports print names in plain Latin letters (English-speaking, or transcribed from other
 * scripts: Japan, Korea, Thailand…).
 */
const PLAIN_NAMES = new Set(['GBR', 'USA', 'AUS', 'NZL', 'SGP', 'MYS', 'PHL', 'IND', 'IDN', 'THA', 'JPN', 'KOR'])
const CAPTIONED: readonly CaptionedField[] = ['birthPlace', 'issueAuthority', 'issuePlace']

/** Does the printed date fall on the MRZ date's day (YYYY.MM.DD; its century aside when printed with two digits)? */
function sameDay(d: PrintedDate, iso: string): boolean {
  const [y, m, day] = iso.split('.').map(Number)
  return d.month === m && d.day === day && (d.fullYear ? d.year % 100 === y % 100 : d.year === y % 100)
}

/** A printed word, the separator before it, and where it starts in its line's text. */
interface Word {
  text: string
  before: string
  at: number
}

/** The words of a printed line, each with the separator before it ('-' inside MARIE-CLAIRE). */
function wordsOf(text: string): Word[] {
  return [...text.toUpperCase().matchAll(/([\s,/]*|-)([\p{Lu}\p{Ll}']+)/gu)].map((m) => ({
    text: m[2],
    before: m[1].includes('-') ? '-' : ' ',
    at: m.index + m[1].length
  }))
}

/** A name part as printed, and as line 1 should have written it. */
interface Printed {
  text: string
  mrz: string
  /** Line 1 lost a letter at the end of one of its words (into the filler after it), which the print has. */
  lost: boolean
  /** The printed line has no word beyond these: line 1 dropped none into its fillers. */
  whole: boolean
  /** A mark was put back from line 1's transliteration: the two readings differ, however they are explained. */
  marked: boolean
}

/**
 * The MRZ's words (`target`) as printed: a run of words on one printed line whose MRZ forms they are, with the
 * printed letters (diacritics) and separators (hyphens). One word may have one letter more in print, at its end:
 * line 1's commonest slip is a word's last letter taken into the filler that follows (JOS< for JOSE<). A name
 * the MRZ cut short (ICAO 9303-4 §4.2.2: a full name zone) may end in part of a printed word, and the printed
 * words after it are the rest of the name.
 */
function printedForm(
  target: readonly string[],
  texts: readonly NameText[],
  truncated: boolean,
  marks: Marks | null,
  state: string
): Printed | null {
  if (target.length === 0) return null
  for (const { text, seen } of texts) {
    const words = wordsOf(text)
    for (let start = 0; start + target.length <= words.length; start++) {
      const run = words.slice(start, start + target.length).map((w) => ({ ...w }))
      const last = target.length - 1
      let lost = 0
      let marked = false
      const forms = run.map((w, k) => {
        const all = mrzForms(w.text)
        const exact = all.find((f) => f === target[k] || (truncated && k === last && f.startsWith(target[k])))
        if (exact) {
          w.text = markedAsSeen(w, { text, seen }, state, exact)
          return exact
        }
        const withMark = withMarks(w.text, target[k], marks, () => seenOver(w, { text, seen }))
        if (withMark) {
          w.text = markedAsSeen({ ...w, text: withMark }, { text, seen }, state, target[k])
          marked = true
          return target[k]
        }
        const longer = all.find((f) => f.length === target[k].length + 1 && f.startsWith(target[k]))
        if (longer) lost++
        return longer ?? null
      })
      if (forms.some((f) => f === null) || lost > 1) continue
      const rest = truncated ? words.slice(start + target.length) : []
      const printed = [...run, ...rest].map((w, k) => (k === 0 ? w.text : w.before + w.text)).join('')
      const whole = truncated || (start === 0 && target.length === words.length)
      return { text: printed, mrz: forms.join('<'), lost: lost === 1, whole, marked }
    }
  }
  return null
}

/** The marks seen over a printed word's letters, where its line was looked at (and upper-casing kept its length). */
function seenOver(w: Word, line: NameText): readonly (LetterMark | null)[] | null {
  const seen = line.seen && line.text.length === line.text.toUpperCase().length ? line.seen() : null
  return seen && seen.slice(w.at, w.at + w.text.length)
}

/** A printed word with the marks seen over its letters, where the marked word still writes line 1's `form`. */
function markedAsSeen(w: Word, line: NameText, state: string, form: string): string {
  const seen = seenOver(w, line)
  const marked = seen && withSeenMarks(w.text, seen, state)
  return marked && mrzForms(marked).includes(form) ? marked : w.text
}

/** A state's letters that the MRZ writes as two (their ICAO transliteration), keyed by that transliteration. */
type Marks = Readonly<Record<string, string>>

const GERMAN: Marks = { AE: 'Ä', OE: 'Ö', UE: 'Ü' }
const SWEDISH: Marks = { AE: 'Ä', OE: 'Ö', AA: 'Å' }
const DANISH: Marks = { AE: 'Æ', OE: 'Ø', AA: 'Å' }
/**
 * Where the language of a state's names has such letters (ICAO 9303-3 §6 transliterates Ä, Ö, Ü as AE, OE, UE,
 * Å as AA, Æ as AE, Ø as OE): German (Germany, Austria, Switzerland, Liechtenstein, Luxembourg), Swedish and
 * Finnish, Danish and Norwegian, Icelandic.
 */
const MARKS_BY_STATE: Readonly<Record<string, Marks>> = {
  D: GERMAN,
  AUT: GERMAN,
  CHE: GERMAN,
  LIE: GERMAN,
  LUX: GERMAN,
  SWE: SWEDISH,
  FIN: SWEDISH,
  DNK: DANISH,
  NOR: DANISH,
  ISL: { AE: 'Æ', OE: 'Ö', TH: 'Þ' }
}

/** Any state's holder may bear such a letter; where the state's language has none, only a mark seen vouches for it. */
const SEEN_ONLY: Marks = { AE: 'Ä', OE: 'Ö', UE: 'Ü', AA: 'Å' }

/** What the recogniser reads a letter it has not as, besides the letter's first transliterated one (Þ as P). */
const READ_AS: Readonly<Record<string, string>> = { Þ: 'PB' }

/** The mark that sets each of those letters apart from its plain one. */
const SHAPE_OF: Readonly<Record<string, LetterMark['above']>> = { Ä: 'diaeresis', Ö: 'diaeresis', Ü: 'diaeresis', Å: 'ring' }

/**
 * A printed word read without its marks (MULLER) where line 1 has the two-letter transliteration of a marked letter
 * (MUELLER): the word with the letter the difference names (MÜLLER), or null where the two do not differ so. The
 * state's own letters need only the difference; another state's holder's need the mark seen on the page as well
 * (`seenOf`, the marks over the word's letters), and a mark seen also names a letter the recogniser misread.
 */
function withMarks(
  printed: string,
  mrz: string,
  stateMarks: Marks | null,
  seenOf: () => readonly (LetterMark | null)[] | null
): string | null {
  const letters = [...printed]
  const marks = stateMarks ?? SEEN_ONLY
  let seen: readonly (LetterMark | null)[] | null | undefined
  const seenAt = (i: number): LetterMark['above'] => {
    if (seen === undefined) seen = seenOf()
    return seen?.[i]?.above ?? null
  }
  const from = (i: number, j: number): string | null => {
    if (i === letters.length) return j === mrz.length ? '' : null
    const c = letters[i]
    if (mrzForms(c)[0] === mrz[j]) {
      const rest = from(i + 1, j + 1)
      if (rest !== null) return c + rest
    }
    for (const [pair, letter] of Object.entries(marks)) {
      if (!mrz.startsWith(pair, j)) continue
      // The letter's mark seen over whatever the recogniser made of it (MOLLER for MÜLLER) names it too.
      const sighted = SHAPE_OF[letter] !== undefined && seenAt(i) === SHAPE_OF[letter]
      const readAs = pair[0] === c || (READ_AS[letter] ?? '').includes(c)
      if (stateMarks ? !readAs && !sighted : !(readAs && sighted)) continue
      const rest = from(i + 1, j + 2)
      if (rest !== null) return letter + rest
    }
    return null
  }
  const out = from(0, 0)
  return out !== null && out !== printed ? out : null
}

/** A printed line's text (or two lines joined) and the marks seen on its letters, one per UTF-16 unit, when asked. */
interface NameText {
  text: string
  seen: (() => readonly (LetterMark | null)[] | null) | null
}

/** The marks of a line, placed on its text: the recogniser's characters are its text's, but for spacing. */
function marksOnText(l: PageLine, marksOf: MarksOf): (LetterMark | null)[] | null {
  const chars = l.line.chars.filter((c) => c.char.trim() !== '')
  const units = [...l.text]
  if (units.some((u) => u.length > 1) || units.filter((u) => u !== ' ').length !== chars.length) return null
  const seen = marksOf(l)
  if (!seen) return null
  const marks = l.line.chars.map((c, i) => (c.char.trim() === '' ? undefined : seen[i])).filter((m) => m !== undefined)
  let k = 0
  return units.map((u) => (u === ' ' ? null : marks[k++]))
}

/**
 * The printed lines, and each line joined with the one right under it, starting where it starts: a long name
 * wraps onto a second line.
 */
function nameTexts(lines: readonly PageLine[], marksOf: MarksOf | null): NameText[] {
  const seen = (l: PageLine): NameText['seen'] => (marksOf ? () => marksOnText(l, marksOf) : null)
  const joinedSeen = (a: PageLine, b: PageLine): NameText['seen'] =>
    marksOf
      ? () => {
          const sa = marksOnText(a, marksOf)
          const sb = marksOnText(b, marksOf)
          return sa && sb ? [...sa, null, ...sb] : null
        }
      : null
  const left = (l: PageLine): number => Math.min(...l.quad.map((p) => p.x))
  const right = (l: PageLine): number => Math.max(...l.quad.map((p) => p.x))
  const joined = lines.flatMap((a) => {
    const h = a.box.short
    const dy = (l: PageLine): number => l.box.center.y - a.box.center.y
    // Wrapped under it, or cut off it by a wide gap the detector did not bridge.
    const below = lines.find((l) => l !== a && dy(l) > 0 && dy(l) < 2.2 * h && Math.abs(left(l) - left(a)) < 1.5 * h)
    const after = lines.find((l) => l !== a && Math.abs(dy(l)) < 0.5 * h && l.box.center.x > right(a) && left(l) - right(a) < 4 * h)
    return [below, after].flatMap((b) => (b ? [{ text: `${a.text} ${b.text}`, seen: joinedSeen(a, b) }] : []))
  })
  return [...lines.map((l) => ({ text: l.text, seen: seen(l) })), ...joined]
}

/**
 * A printed line that spells exactly these MRZ words, letter for letter, whatever spaces the recogniser lost or
 * hyphens the print has (VON DERHEYDEN for VON<DER<HEYDEN): as printed, with line 1's word breaks put back where
 * the recogniser ran two words together (VON DER HEYDEN). Null where no line does.
 */
function speltAs(target: readonly string[], texts: readonly NameText[], state: string): string | null {
  const letters = target.join('')
  if (letters === '') return null
  const breaks = new Set(target.slice(0, -1).map((_, k) => target.slice(0, k + 1).join('').length))
  for (const line of texts) {
    const words = wordsOf(line.text)
    const forms = words.map((w) => mrzForms(w.text))
    const path: string[] = []
    const from = (k: number, at: number): boolean => {
      if (k === forms.length) return at === letters.length
      return forms[k].some((f) => {
        if (!letters.startsWith(f, at)) return false
        path[k] = f
        return from(k + 1, at + f.length)
      })
    }
    if (!from(0, 0)) continue
    let at = 0
    return words
      .map((w, k) => {
        const chars = [...markedAsSeen(w, line, state, path[k])]
        // Breaks fall between printed letters only where each letter is one of line 1's.
        const spaced =
          path[k].length === chars.length ? chars.map((c, i) => (i > 0 && breaks.has(at + i) ? ` ${c}` : c)).join('') : chars.join('')
        at += path[k].length
        return (k === 0 ? '' : w.before) + spaced
      })
      .join('')
  }
  return null
}

/** The fields of a passport read as another state's, from its MRZ (and the printed zone to confirm the name). */
export function foreignFields(lines: readonly PageLine[], mrz: MrzRead, marksOf: MarksOf | null = null): FieldReads {
  const out = Object.fromEntries(FIELD_KEYS.map((k) => [k, NONE])) as FieldReads
  const p = mrz.parsed
  const c = mrz.confidence
  if (!p || !c || !mrz.quads) return out
  const [q1, q2] = mrz.quads
  const set = (key: FieldKey, value: string, prob: number, line: 1 | 2): void => {
    if (value) out[key] = { value, prob, quad: line === 1 ? q1 : q2 }
  }
  const known = (code: string, prob: number): number => (isStateCode(code.padEnd(3, '<')) ? prob : Math.min(prob, UNCHECKED_CAP))
  // The visual zone prints the document code and the issuing state in boxes of their own: a printed line that
  // reads exactly as line 1 does is a second reading of it.
  const printedCode = (code: string): PageLine | undefined =>
    lines.find((l) => l.text.replace(/\s/g, '').toUpperCase() === code.replace(/<+$/, ''))
  const typeLine = printedCode(p.documentCode)
  const stateLine = printedCode(p.issuingState)
  // A passport's two 44-character lines open with P (ICAO 9303 part 4): any other letter there was misread, or
  // the lines are not its.
  const typeProb = p.documentCode.startsWith('P')
    ? Math.min(pct(c.documentCode), UNCHECKED_CAP + (mrz.line1Exact ? 10 : 0))
    : Math.min(pct(c.documentCode), NOT_A_PASSPORT_CODE)
  set('passportType', p.documentCode, typeLine ? Math.max(typeProb, agreeing(typeLine.prob, c.documentCode)) : typeProb, 1)
  set('countryCode', p.issuingState, known(p.issuingState, stateLine ? agreeing(stateLine.prob, c.issuingState) : pct(c.issuingState)), 1)
  set('nationality', p.nationality, known(p.nationality, pct(c.nationality)), 2)
  // The number printed in the visual zone, read apart from the MRZ, is a second reading of line 2's: where line 2's
  // own cells were misread (a 0 read as O) and its check digit put them right, the print agreeing settles them.
  const numberLine = lines.find((l) => l.text.replace(/\s/g, '').toUpperCase() === p.passportNumber.replace(/<+$/, ''))
  // Where line 2's check digit fails, the print agreeing is no second opinion: one recogniser read both, and its
  // misreads (O for 0) are the same in either zone.
  const numberProb = numberLine
    ? p.checks.passportNumber === true
      ? agreeing(numberLine.prob, c.passportNumber)
      : Math.min(agreeing(numberLine.prob, c.passportNumber), UNCHECKED_CAP)
    : pct(c.passportNumber)
  set('passportNumber', p.passportNumber, numberProb, 2)
  // A century the MRZ cannot tell is a guess, however well the check digit holds, unless the print has the year
  // in full.
  const dates = lines.flatMap((l) => {
    const d = readPrintedDate(l.text)
    return d ? [{ d, l }] : []
  })
  // A date the print gives too, read apart from the MRZ, is as sure as the surer of the two readings.
  const printedAs = (iso: string, fullYear: boolean): (typeof dates)[number] | undefined =>
    dates.find(({ d }) => (d.fullYear || !fullYear) && sameDay(d, iso))
  const withPrint = (prob: number, print: (typeof dates)[number] | undefined): number =>
    print ? Math.max(prob, Math.min(pct(print.l.prob), AGREED)) : prob
  const printedBirth = printedAs(p.birthDate.value, true)
  const birth = printedBirth ? isoCandidates(printedBirth.d)[0] : p.birthDate.value
  const birthProb = withPrint(pct(c.birthDate), printedAs(p.birthDate.value, false))
  set('birthDate', birth, p.birthDate.otherCentury && !printedBirth ? Math.min(birthProb, CENTURY_GUESS) : birthProb, 2)
  // An expiry's century is never in doubt: a printed date in another (the birth date, 1942 for 2042) is no reading of it.
  const printedExpiry = printedAs(p.expiryDate.value, false)
  const expiryYear = Number(p.expiryDate.value.slice(0, 4))
  const expiryProb = withPrint(
    pct(c.expiryDate),
    printedExpiry?.d.fullYear && printedExpiry.d.year !== expiryYear ? undefined : printedExpiry
  )
  set('validToDate', p.expiryDate.value, expiryProb, 2)
  // No check digit covers the sex: a date beside it holding its own puts its cell where it was read. Without one the
  // letter may be any cell's (caption text read as a line 2 gave F at 0.99).
  const sexPlaced = p.checks.birthDate === true || p.checks.expiryDate === true
  if (p.sex === 'M' || p.sex === 'F') set('sex', formatSex(p.sex), sexPlaced ? pct(c.sex) : Math.min(pct(c.sex), SEX_UNPLACED), 2)
  // The name as the visual zone prints it, where the print and the MRZ agree word for word: diacritics and
  // hyphens come from the print (which only the recogniser read), the words from both.
  const truncated = mrz.line1.slice(5).replace(/<+$/, '').length >= NAME_ZONE
  const state = p.issuingState.replace(/<+$/, '')
  // Names of the states that write theirs in plain letters are not looked over for marks.
  const texts = nameTexts(lines, PLAIN_NAMES.has(state) ? null : marksOf)
  const marks = MARKS_BY_STATE[state] ?? null
  const surname = printedForm(p.surname.split(' ').filter(Boolean), texts, false, marks, state)
  const given = p.givenNames ? printedForm(p.givenNames.split(' ').filter(Boolean), texts, truncated, marks, state) : ''
  const surnameWords = p.surname.split(' ').filter(Boolean)
  const givenWords = p.givenNames.split(' ').filter(Boolean)
  // Failing that, the print spelling line 1's letters with words run together.
  const surnameSpelt = speltAs(surnameWords, texts, state)
  const givenSpelt = givenWords.length ? speltAs(givenWords, texts, state) : ''
  const byLetters = surnameSpelt !== null && givenSpelt !== null
  const agreed = surname !== null && given !== null
  // The recogniser reads few accented letters (É, Ü…, no Č, Ř, Ą, Ł, Þ): a name that reads plain on a page
  // whose language marks letters may have lost its marks. Only where names are written in plain letters
  // does a printed name that agrees with the MRZ make it sure; one that had to fill in a letter line 1 lost
  // does not.
  const lost = agreed && (surname.lost || (given !== '' && given.lost))
  const [printedSurname, printedGiven] = agreed
    ? [surname.text, given ? given.text : '']
    : byLetters
      ? [surnameSpelt, givenSpelt]
      : [null, null]
  const printed = printedSurname !== null ? `${printedSurname}${printedGiven ? ',' + printedGiven : ''}` : ''
  const plain = printed !== '' && !lost && /^[A-Z' ,-]*$/.test(printed) && PLAIN_NAMES.has(p.issuingState)
  const nameProb = plain ? Math.max(AGREED, Math.min(99, pct(c.name))) : Math.min(pct(c.name), UNCHECKED_CAP)
  const nameEn = printedSurname !== null ? formatNameEn(printedSurname, printedGiven ?? '') : formatNameEn(p.surname, p.givenNames)
  set('nameEn', nameEn, nameProb, 1)
  // A marked letter is where the name is least sure: the recogniser reads few marks, and the MRZ writes none.
  if (out.nameEn.value && /[^ -~]/.test(nameEn))
    out.nameEn.chars = [...nameEn].map((ch) => (/[^ -~]/.test(ch) ? Math.min(nameProb, MARKED_LETTER) : nameProb))
  // Line 1 as the print says it should read, where it lost a letter the print has.
  const line1 = lost ? padMrz(`${mrz.line1.slice(0, 5)}${surname.mrz}<<${given ? given.mrz : ''}`, MRZ_LENGTH) : mrz.line1
  // The issue date, which no MRZ carries: a printed date that is neither the birth nor the expiry and from which
  // the passport runs five or ten years to its checked expiry. Any other date is left alone: without reading
  // captions in the state's language it could be anything.
  const issued = new Set(
    dates.flatMap(({ d }) =>
      sameDay(d, p.birthDate.value) || sameDay(d, p.expiryDate.value)
        ? []
        : isoCandidates(d).filter((iso) => validFor(iso, p.expiryDate.value))
    )
  )
  const issuedLine = dates.find(({ d }) => isoCandidates(d).some((iso) => issued.has(iso)))
  if (issued.size === 1 && issuedLine && expiryProb >= SURE)
    out.issueDate = { value: [...issued][0], prob: Math.min(pct(issuedLine.l.prob), AGREED), quad: issuedLine.l.quad }
  // Places and authority as printed under their captions: one reading, no second source, so never sure.
  for (const key of CAPTIONED) {
    const found = valueUnderCaption(key, lines)
    if (found) out[key] = { value: found.line.text.trim(), prob: Math.min(pct(found.line.prob), UNCHECKED_CAP), quad: found.line.quad }
  }
  const line2Prob = Math.min(
    numberProb,
    ...(['birthDate', 'expiryDate', 'personalNumber', 'nationality', 'sex'] as const).map((k) => pct(c[k]))
  )
  // Line 1 holds MRZ letters only, which lose no marks: the print agreeing with every word of it, and having no
  // word it lacks, is a second reading of its name, whatever the print's language.
  const confirmed = !lost && ((agreed && surname.whole && !surname.marked && (given === '' || (given.whole && !given.marked))) || byLetters)
  const line1Name = confirmed ? Math.max(AGREED, Math.min(99, pct(c.name))) : nameProb
  set('mrzLine1', line1, Math.min(out.passportType.prob, out.countryCode.prob, line1Name), 1)
  set('mrzLine2', mrz.line2, mrz.valid ? line2Prob : Math.min(line2Prob, 80), 2)
  return out
}

import { FIELD_KEYS } from '../../../shared/domain/fields'
import { MRZ_LENGTH, padMrz } from '../../../shared/domain/mrz'
import { formatNameEn, formatSex, isValidDate, normalizeNameEn, parseSex, printedDateToIso } from '../../../shared/domain/formats'
import type { Quad } from '../../../shared/domain/geometry'
import type { MrzRead } from '../mrz/read'
import type { FieldRead, FieldReads } from '../passport/field-reads'
import { agreeing, agreeingShare, NONE, pct } from '../passport/field-reads'
import type { PageLine } from '../passport/page-lines'
import { joinQuads, sameRow, splitLine } from '../passport/page-lines'
import { config } from '../config'
import { matchAuthority, matchNationality, matchPlace, valueOf } from './places'
import { isPinyin, readings, syllablesFor } from './pinyin'
import type { PageRules } from './page-rules'
import { lostGivenChar } from './lost-given-names'
import { lostSurname } from './lost-surnames'
import { isSurname } from './surnames'
import { validFor, withinValidity } from './validity'
import { regionalDoubt, simplifiedOf, toTraditional } from './traditional'
import { standsFor } from '../rec/lookalikes'
import { recogniserWrites } from '../rec/writable'
import type { DecodedChar } from '../rec/ctc'

/** A printed date nothing else confirms. */
const UNCHECKED_DATE = 85
/** A printed issue date no passport could have with this expiry: misread, whatever the recogniser says. */
const IMPOSSIBLE_DATE = 30

/** A birth date whose century neither the MRZ nor the print settles. */
const CENTURY_GUESS = 60
/** Every data page's header (state, PASSPORT) is printed above this, its fields below (mm from the top). */
const HEADER_MM = 20
/** The printed Latin name: SURNAME, GIVEN NAMES (digits are misread letters). */
const LATIN_NAME = /^[A-Z0-9]+(?: [A-Z]+)?\s*[,.]\s*[A-Z0-9 -]+$/
/** Surnames written alike in both scripts whose characters OpenCC converts as words (余→餘, 于→於, 范→範…). */
const KEPT_SURNAMES = ['余', '于', '范', '沈', '谷', '姜', '游', '闫', '叶']
/**
 * Surnames the recogniser cannot write, read as another Traditional form of their Simplified one: 钟 is the
 * surname 鍾 far more often than 鐘 (a bell), and 鍾 is outside the dictionary, so it is read as 钟 or 鐘. The
 * spelling cannot tell them apart: the name stays a proposal (see `checkAgainstSpelling`'s homophones).
 */
const SURNAME_FORMS: Readonly<Record<string, string>> = { 钟: '鍾', 鐘: '鍾' }
/** Pieces of a SAR page's header ('別行政區' of 澳門特別行政區), never a name. */
const NOT_A_NAME = /行政|特別|特别/
/** A Chinese name whose surname was put back from its romanisation. */
const RESTORED_NAME = 70
/** A Chinese name read once, with nothing to check it against. */
const UNCHECKED_NAME = 85
/** A place each of its printed scripts names on its own, clearly ahead of every other place. */
const PLACE_BOTH_SCRIPTS = 93
/** A place read whose field (birth or issue) was guessed. */
const PLACE_FIELD_GUESSED = 70
/** A Latin name the print and the Chinese name's pinyin both give, where line 1 gives another. */
const PRINT_AND_HAN = 95
/** The authority of a family that has only one, found on the page. */
const SOLE_AUTHORITY = 95
/** How closely a line must read as a family's one authority to be taken for it, the family not settled by a valid MRZ. */
const SOLE_AUTHORITY_MATCH = 0.8
/** The sole authority of a family whose page's authority line was not read. */
const FAMILY_AUTHORITY = 80
/** A Latin name that line 1 and the Chinese name, spelt character by character, both give. */
const SPELT_NAME = 95
/** A runner-up this likely, reading the same pinyin, leaves a character in doubt. */
const HOMOPHONE_MIN = 0.05
/** A runner-up character below this probability is noise, not a reading. */
const PINYIN_ALT_MIN = 0.001
/** How sure the recogniser must be of a character, in either script, for its spelling to vouch for it on a Traditional page. */
const STAND_IN_SURE = 0.8
/** A name read with fewer characters than its romanisation has syllables: one is missing, whatever was read. */
const SHORT_NAME = 50
/** A name with a character taken for the one outside the dictionary that the recogniser writes it for. */
const LOOKALIKE_NAME = 80

/** A field whose two readings disagree, settled by the surer of them. */
const DISPUTED = 80

/** Fields the MRZ gives and a Chinese page prints too, each checking the other. */
export const CROSS_CHECKED = ['passportNumber', 'birthDate', 'validToDate'] as const

/** Text that belongs to the page's furniture (titles, labels), never to a value. */
function isFurniture(t: string, rules: PageRules): boolean {
  return /[a-z]{2}/.test(t) || rules.furniture.test(t)
}

/** Sex and nationality are printed close enough for detection to join them ('男/M中国/CHINESE'): part them. */
function splitSexNationality(l: PageLine, rules: PageRules): PageLine[] {
  const m = /^[男女]\s*[/|Il1]?\s*[MF]\s*/.exec(l.text)
  if (!m || m[0].length === l.text.length || !matchNationality(l.text.slice(m[0].length), rules.nationality)) return [l]
  // The sex ends at its Latin letter: the character after it in the recogniser's output starts the nationality.
  const k = l.line.chars.findIndex((c, i) => i > 0 && /^[MF]$/.test(c.char.normalize('NFKC'))) + 1
  if (k <= 0 || k >= l.line.chars.length) return [l]
  return splitLine(l, k, l.box.short * config.rec.cropPadX)
}

/**
 * Decide which printed line is which field, by what it says first (dates, places, the authority, the
 * sex and nationality have shapes of their own) and by where it is second; the MRZ, when its check
 * digits hold, confirms or corrects what it also carries.
 */
export function assignFields(lines: readonly PageLine[], read: MrzRead, rules: PageRules): FieldReads {
  let mrz = read
  const out = Object.fromEntries(FIELD_KEYS.map((k) => [k, NONE])) as FieldReads
  const values = lines.filter((l) => l.text !== '' && !isFurniture(l.text, rules)).flatMap((l) => splitSexNationality(l, rules))
  const used = new Set<PageLine>()
  const take = (l: PageLine): PageLine => (used.add(l), l)

  // 1. Dates, joining pieces of one printed date that detection split ('17' '4月/APR' '2000').
  const dates = findDates(values)
  dates.forEach((d) => d.parts.forEach((p) => used.add(p)))
  const p = mrz.parsed
  const mrzOk = (k: 'passportNumber' | 'birthDate' | 'expiryDate'): boolean => mrz.valid || p?.checks[k] === true
  const byY = dates.slice().sort((a, b) => a.y - b.y)
  const pick = (iso: string | undefined, fallbackIndex: number): (typeof dates)[number] | undefined =>
    (iso ? dates.find((d) => d.iso === iso) : undefined) ?? (dates.length === 3 ? byY[fallbackIndex] : undefined)
  // The printed date's four-digit year settles a century the MRZ cannot tell.
  const other = p?.birthDate.otherCentury ?? ''
  const printedOther = other ? dates.find((d) => d.iso === other) : undefined
  const mrzBirth = printedOther ? other : (p?.birthDate.value ?? '')
  const birth = pick(mrzBirth || undefined, 0)
  const expiry = pick(p?.expiryDate.value, 2)
  const issue = dates.find((d) => d !== birth && d !== expiry)
  out.birthDate = crossCheck(birth, mrzBirth, mrzOk('birthDate'))
  // A printed date in the MRZ's own century settles it as well as one in the other.
  if (other && !printedOther && birth?.iso !== mrzBirth)
    out.birthDate = { ...out.birthDate, prob: Math.min(out.birthDate.prob, CENTURY_GUESS) }
  out.validToDate = crossCheck(expiry, p?.expiryDate.value ?? '', mrzOk('expiryDate'))
  // The issue date has no MRZ to check it, but a passport runs five or ten years from it: a date read that
  // does not end the validity where the (checked) expiry does was misread somewhere.
  // One issued after its expiry, or more than a passport's longest validity before it, cannot be right at all.
  if (issue) {
    const expiry = out.validToDate.value
    const cap = validFor(issue.iso, expiry) ? 100 : !expiry || withinValidity(issue.iso, expiry) ? UNCHECKED_DATE : IMPOSSIBLE_DATE
    out.issueDate = { value: issue.iso, prob: Math.min(pct(issue.prob), cap), quad: issue.quad }
  }

  // 2. Lines with a shape of their own.
  const rest = (): PageLine[] => values.filter((l) => !used.has(l))
  // A page that prints the letter alone: a lone M or F (no other value is one letter but the type's P).
  const sex = rest().find(
    (l) => l.text.length <= 5 && parseSex(l.text) !== null && (rules.sexInChinese ? /[男女]/.test(l.text) : /^[MF]$/.test(l.text.trim()))
  )
  const mrzSex = p && (p.sex === 'M' || p.sex === 'F') ? p.sex : null
  // No check digit covers the MRZ's sex: only its own reading says how sure it is.
  const mrzSexProb = mrzSex && mrz.valid ? (mrz.confidence?.sex ?? 0) : 0
  if (sex) {
    const s = parseSex(take(sex).text) as 'M' | 'F'
    const agree = mrzSex === s
    // In dispute, the surer reading, never sure: the print read M at 1.0 against an MRZ F at 0.59 is M, at 80.
    const byMrz = mrzSex !== null && mrzSexProb > sex.prob
    out.sex = {
      value: formatSex(byMrz ? mrzSex : s),
      prob: agree ? 99 : Math.min(DISPUTED, pct(Math.max(sex.prob, mrzSexProb)) - 10),
      quad: sex.quad,
      printed: formatSex(s)
    }
  } else if (mrzSex && mrz.valid) out.sex = { value: formatSex(mrzSex), prob: Math.min(90, pct(mrzSexProb)), quad: null }
  // The header's REPUBLIC OF CHINA is Taiwan's nationality too: the value is the lower one.
  const nat = best(rest(), (l) => matchNationality(l.text, rules.nationality), true)
  if (nat) out.nationality = { value: nat.match.value, prob: pct(nat.line.prob * nat.match.score), quad: take(nat.line).quad }
  // Not legible in print: the MRZ's nationality, when it is the family's own code, says it (no check digit
  // guards it, so never more than 90).
  else if (p && p.nationality === rules.countryCode && mrz.confidence) {
    out.nationality = {
      value: valueOf(rules.nationality),
      prob: Math.min(90, pct(mrz.confidence.nationality) - (mrz.valid ? 0 : 10)),
      quad: null
    }
  }
  const auth = best(rest(), (l) => matchAuthority(l.text, rules.authorities))
  // A family with one issuing authority (each SAR's) prints nothing else there: a line that reads as it is it.
  const only = new Set(rules.authorities.map(valueOf)).size === 1
  if (!auth && only && mrz.valid) {
    // Its line not read, the family's authority is still the only one it can be: a proposal, nothing was read.
    out.issueAuthority = { value: valueOf(rules.authorities[0]), prob: FAMILY_AUTHORITY, quad: null }
  }
  if (auth) {
    // An authority printed on several lines (Chinese, then English, then Portuguese) is one value.
    const parts = rest().filter((l) => matchAuthority(l.text, rules.authorities)?.value === auth.match.value)
    parts.forEach(take)
    out.issueAuthority = {
      value: auth.match.value,
      // A line only like it is not it where a misread MRZ may have named the family (Hong Kong's English name,
      // garbled, is 0.72 like Macao's).
      prob:
        only && (mrz.valid || auth.match.score >= SOLE_AUTHORITY_MATCH)
          ? Math.max(SOLE_AUTHORITY, pct(auth.line.prob * auth.match.score))
          : pct(auth.line.prob * auth.match.score),
      quad: joinQuads(parts.sort((a, b) => a.box.center.y - b.box.center.y).map((l) => l.quad))
    }
  }
  // Places are printed in both scripts: a Latin-only line (the pinyin name) must not be fuzzily taken for one,
  // unless the family prints its places in Latin alone (Taiwan).
  const latinPlaces = rules.places.every((p) => p.zh === '')
  // Places are printed below the name; above it is the header ('TAIWAN' on Taiwan's page).
  const nameRow = rest().find((l) => LATIN_NAME.test(l.text))?.box.center.y ?? HEADER_MM * config.page.pxPerMm
  const places = rest()
    .filter((l) => (latinPlaces || /[\u4e00-\u9fff]/.test(l.text)) && l.box.center.y > nameRow)
    .map((l) => ({ line: l, match: matchPlace(l.text, rules.places) }))
    .filter((x): x is { line: PageLine; match: NonNullable<ReturnType<typeof matchPlace>> } => x.match !== null)
    .sort((a, b) => a.line.box.center.y - b.line.box.center.y)
    .slice(0, rules.printsIssuePlace ? 2 : 1)
  // Place of birth is printed above place of issue. One place alone is told by the issue date's row; with that row
  // not read, which of the two it is was guessed.
  const guessed = rules.printsIssuePlace && places.length === 1 && !issue
  places.forEach((x, i) => {
    const key =
      !rules.printsIssuePlace || (places.length === 2 ? i === 0 : x.line.box.center.y < (issue?.y ?? 0) + 20) ? 'birthPlace' : 'issuePlace'
    // The Chinese half and the pinyin half each naming the same place on their own are two readings that agree.
    const read = pct(x.line.prob * x.match.score)
    const prob = x.match.bothScripts ? Math.max(read, PLACE_BOTH_SCRIPTS) : read
    out[key] = { value: x.match.value, prob: guessed ? Math.min(prob, PLACE_FIELD_GUESSED) : prob, quad: take(x.line).quad }
  })

  // 3. Codes and the number along the top, the names under them.
  const num = best(rest(), (l) =>
    rules.number.test(fixNumber(l.text, rules.number)) ? { value: fixNumber(l.text, rules.number), score: 1 } : null
  )
  const mrzNum = p?.passportNumber ?? ''
  if (num) take(num.line)
  out.passportNumber = crossCheck(
    num ? { iso: num.match.value, prob: num.line.prob, quad: num.line.quad } : undefined,
    mrzNum,
    mrzOk('passportNumber')
  )
  // The type is one letter, which the recogniser reads unsurely alone; line 1 reads it too.
  const type = rest().find((l) => /^P$/i.test(l.text))
  const mrzType = p?.documentCode.startsWith('P') ? (mrz.confidence?.documentKind ?? 0) : 0
  if (type)
    out.passportType = { value: 'P', prob: mrzType > 0 ? agreeing(take(type).prob, mrzType) : pct(take(type).prob), quad: type.quad }
  else if (mrzType > 0) out.passportType = { value: 'P', prob: mrz.valid ? 90 : 80, quad: null }
  const code = rest().find((l) => codeReads(l.text.replace(/\s/g, ''), rules.countryCode))
  if (code) out.countryCode = { value: rules.countryCode, prob: pct(take(code).prob), quad: code.quad }
  else if (p?.issuingState === rules.countryCode) out.countryCode = { value: rules.countryCode, prob: mrz.valid ? 90 : 80, quad: null }
  const hint = p && p.surname ? { surname: p.surname, givenNames: joinGiven(p.givenNames, rules) } : undefined
  const mrzName = hint ? formatNameEn(hint.surname, hint.givenNames) : ''
  const withComma = rest().find((l) => LATIN_NAME.test(l.text))
  // The Chinese name: the Han-only line nearest above the Latin one, else the topmost. On a Traditional page a
  // name may come back one character: the other was one the recogniser cannot write (關穎 read 颖, 關 unwritten).
  const nameChars = rules.pinyin || !withComma ? /^[\u4e00-\u9fff]{2,5}$/ : /^[\u4e00-\u9fff]{1,5}$/
  const zh = rest()
    .filter((l) => nameChars.test(l.text) && !NOT_A_NAME.test(l.text) && (!withComma || l.box.center.y < withComma.box.center.y))
    .sort((a, b) => (withComma ? b.box.center.y - a.box.center.y : a.box.center.y - b.box.center.y))[0]
  // It is a third reading of the Latin name: the pinyin spellings it reads as.
  const han = zh && rules.pinyin ? hanNames(zh.text) : []
  const byHan = (n: string): boolean => han.includes(n)
  // A comma lost to the recogniser: the one space stands for it when the Chinese name reads so.
  const latin = withComma ?? rest().find((l) => /^[A-Z]+ [A-Z]+$/.test(l.text) && byHan(l.text.replace(' ', ',')))
  // Line 1 that lost letters at a name part's end (into its fillers, or under glare) against a spelling of it.
  // Where no pinyin spells the name, the family's own romanisation of the Chinese name may, as a proposal: also
  // for a filler read as a letter (SHANCYAN for SHAN YAN) or '<<' read as '<'.
  const spelled = zh && !rules.pinyin && rules.spellings ? romanised(zh.text, rules) : []
  const slipped = mrzName && !spelled.includes(mrzName) ? spelled.filter((h) => slipFrom(mrzName, h)) : []
  const bySpelling = new Set(slipped).size === 1 ? slipped[0] : undefined
  const repaired = mrzName && !byHan(mrzName) ? (han.find((h) => truncatedFrom(mrzName, h)) ?? bySpelling) : undefined
  let nameDisputed = han.length > 0 && mrzName !== '' && !byHan(mrzName)
  let nameAgreed = false
  if (latin) {
    const read = normalizeNameEn(take(latin).text.replace(/^([A-Z]+) ([A-Z]+)$/, '$1,$2'), hint)
    // The recogniser drops the space between given names (HOU LAI read HOULAI) far more often than line 1 reads
    // a filler that is not there: the same letters are the same name, spaced as line 1 spaces it.
    const unspaced = (n: string): string => n.replace(/[ -]/g, '')
    const printed = mrzName && read !== mrzName && unspaced(read) === unspaced(mrzName) && !read.includes(' ') ? mrzName : read
    const agree = printed === mrzName
    nameAgreed = agree
    // MRZ line 1 has no check digit and its long filler runs make the recogniser drop letters, while the
    // printed name is ordinary text: a clean printed name (with its comma) outranks the MRZ's.
    // Both are pinyin: a reading that does not split into syllables has lost or gained a letter.
    // The Chinese name's spellings settle a disagreement.
    const pinyinOk = (n: string): boolean => !rules.pinyin || (n.includes(',') && n.split(',').every(isPinyin))
    let value: string
    if (agree || !mrzName) value = printed
    else if (byHan(printed) !== byHan(mrzName)) value = byHan(printed) ? printed : mrzName
    else if (
      rules.pinyin &&
      pinyinOk(printed) &&
      (latin.prob >= 0.9 || !mrz.line1Exact || !pinyinOk(mrzName) || lostBeforeFill(mrzName, printed))
    )
      value = printed
    // Without pinyin to judge by, the MRZ's commonest slips decide: a letter lost into the filler run after a
    // name part, or a filler read as K.
    else if (!rules.pinyin && printed.includes(',') && (lostBeforeFill(mrzName, printed) || fillerReadAsK(mrzName, printed)))
      value = printed
    else value = repaired ?? mrzName
    // Line 1 and the Chinese name agreeing outvote a misread print, as the print and the Chinese name outvote line 1:
    // two readings to one. Any other disagreement leaves line 1 in dispute.
    const mrzAndHan = value === mrzName && byHan(mrzName)
    // The print and line 1 agreeing are two readings of the Latin name: a Chinese name that spells otherwise is
    // itself in doubt (its own confidence says so), not the Latin name.
    nameDisputed = agree ? false : nameDisputed || (mrzName !== '' && !mrzAndHan)
    const prob = agree ? 99 : (value === printed && byHan(printed)) || mrzAndHan ? PRINT_AND_HAN : pct(latin.prob) - 15
    out.nameEn = { value, prob: pinyinOk(value) ? prob : Math.min(prob, 80), quad: latin.quad, printed }
  } else if (mrzName) out.nameEn = { value: repaired ?? mrzName, prob: 80, quad: null }
  // Both Latin readings can lose the one separator between given names (FEN<LING read FENLING in line 1, FEN-LING
  // in print): the Chinese name, one character to a syllable, parts them again, as a proposal.
  const parted = partedBySpelling(out.nameEn.value, spelled)
  if (parted) {
    out.nameEn = { ...out.nameEn, value: parted, prob: Math.min(out.nameEn.prob, UNCHECKED_NAME) }
    nameAgreed = false
    nameDisputed = true
  }
  const nameEn = out.nameEn.value
  if (nameEn && nameEn !== mrzName && mrz.line1.startsWith('P')) {
    mrz = { ...mrz, line1: padMrz(`${mrz.line1.slice(0, 5)}${nameEn.replace(',', '<<').replace(/[ -]/g, '<')}`, MRZ_LENGTH) }
  }
  if (zh) {
    const read = rules.pinyin ? checkAgainstPinyin(take(zh), nameEn) : asPrinted(take(zh), rules, nameEn)
    // A Latin name spelt from the Chinese one says nothing more of it: line 1 given back a letter by the Chinese
    // name's pinyin (TINGXIA made TINGXIAO by 霄, read at 0.48 for 霞) is no second reading unless the print read it so.
    const fromHan = repaired !== undefined && nameEn === repaired && out.nameEn.printed !== repaired
    const circular = (bySpelling !== undefined && nameEn === bySpelling) || fromHan
    out.name = { value: read.value, prob: circular ? Math.min(read.prob, UNCHECKED_NAME) : read.prob, quad: zh.quad }
    // Every character spelt as line 1 spells the name: a reading of the name independent of the Latin print,
    // which settles line 1 where no pinyin can (the SARs' Cantonese, Taiwan's Wade–Giles), and outvotes a
    // misread print with it, two readings to one.
    if ('spelt' in read && read.spelt && nameEn === mrzName) {
      nameAgreed = true
      nameDisputed = false
      out.nameEn = { ...out.nameEn, prob: Math.max(out.nameEn.prob, SPELT_NAME) }
    }
    // The print and the Chinese name agreeing outvote line 1, where its characters cannot spell line 1's reading
    // too (SO,WAI printed and spelt by 蘇慧, line 1 read SO<<WA): two readings to one, as pinyin does it.
    else if ('spelt' in read && read.spelt && mrzName !== '' && nameEn === out.nameEn.printed && !spelled.includes(mrzName)) {
      nameDisputed = false
      out.nameEn = { ...out.nameEn, prob: Math.max(out.nameEn.prob, SPELT_NAME) }
    }
  }

  // 4. The MRZ itself.
  if (mrz.quads) {
    const conf = (prob: number): number => (mrz.valid ? Math.max(95, pct(prob)) : Math.min(80, pct(prob)))
    // Line 2's check digits say nothing of line 1's name: when the printed name disagreed, someone should look;
    // and where the names are no pinyin to check line 1 by, only the printed name agreeing makes it sure.
    // Line 1 rewritten with a name the print and the Chinese name agree on is as sure as that name.
    const rewritten = nameEn !== '' && nameEn !== mrzName && out.nameEn.prob >= PRINT_AND_HAN
    const line1Prob = rewritten
      ? Math.min(conf(mrz.prob1), out.nameEn.prob)
      : nameDisputed || (!rules.pinyin && !nameAgreed)
        ? Math.min(80, conf(mrz.prob1))
        : conf(mrz.prob1)
    out.mrzLine1 = { value: mrz.line1, prob: mrz.line1 ? line1Prob : 0, quad: mrz.quads[0] }
    // Line 2 is as sure as its least sure field: check digits that hold can still hide two misreads that cancel
    // (O for 0 at weights 7 and 3), which the fields' own confidences know of.
    const c = mrz.confidence
    // No check digit guards the nationality, but line 1's state and the printed nationality name it too.
    const printedNationality = out.nationality.quad !== null ? out.nationality.prob / 100 : 0
    // (Only as read: a code a rule changed agrees by construction.)
    const asRead = !mrz.fixes.some((f) => (f.line === 2 && f.at >= 10 && f.at < 13) || (f.line === 1 && f.at >= 2 && f.at < 5))
    const nationality =
      c && asRead && p?.nationality === p?.issuingState ? agreeingShare(c.nationality, c.issuingState, printedNationality) : 0
    // A field the print reads otherwise is in dispute, and line 2 with it: the check digit that holds may be blind
    // to the difference (S and 8 count alike), and the line is no surer than the field's resolution.
    const disputed = CROSS_CHECKED.filter((k) => out[k].printed !== undefined && out[k].printed !== out[k].value).map(
      (k) => out[k].prob / 100
    )
    const fieldsProb = Math.min(
      c ? Math.min(c.passportNumber, c.birthDate, c.expiryDate, c.personalNumber, nationality || c.nationality, c.sex) : mrz.prob2,
      ...disputed
    )
    out.mrzLine2 = { value: mrz.line2, prob: mrz.line2 ? Math.min(conf(mrz.prob2), pct(fieldsProb)) : 0, quad: mrz.quads[1] }
  }
  return out
}

/**
 * The Chinese name against its pinyin: each character must read as its syllable. A character that does not
 * is replaced by the recogniser's runner-up that does (田 for 思 under TIAN); one that cannot be matched
 * lowers the confidence instead.
 */
function checkAgainstPinyin(line: PageLine, nameEn: string): { value: string; prob: number } {
  const chars = [...line.text]
  const syl = nameEn ? syllablesFor(nameEn, chars.length) : null
  if (!syl || line.line.chars.length !== chars.length) return { value: line.text, prob: Math.min(pct(line.prob), syl ? 99 : 85) }
  let fixed = 0
  const out = chars.map((c, i) => {
    if (readings(c).includes(syl[i])) return c
    const alt = line.line.chars[i].alts.find((a) => a.prob >= PINYIN_ALT_MIN && readings(a.char).includes(syl[i]))
    if (!alt) return null
    fixed++
    return alt.char
  })
  if (out.some((c) => c === null)) return { value: line.text, prob: Math.min(pct(line.prob), 80) }
  // A character whose runner-up reads the same pinyin (风 and 凤 are both FENG) is not settled by it.
  const homophone = line.line.chars.some(
    (c, i) => [c, ...c.alts].filter((a) => a.prob >= HOMOPHONE_MIN && readings(a.char).includes(syl[i])).length > 1
  )
  if (homophone) return { value: out.join(''), prob: Math.min(pct(line.prob), 80) }
  // Every character agrees with the MRZ-checked pinyin: that is strong evidence even for a faint line.
  return { value: out.join(''), prob: fixed ? 90 : Math.max(pct(line.prob), 97) }
}

interface DateRead {
  iso: string
  prob: number
  quad: Quad
  y: number
  parts: PageLine[]
}

/** Every printed date, joining up to three neighbouring pieces of one row. */
function findDates(lines: readonly PageLine[]): DateRead[] {
  const found: DateRead[] = []
  const used = new Set<PageLine>()
  const sorted = lines.slice().sort((a, b) => a.box.center.x - b.box.center.x)
  for (const l of sorted) {
    if (used.has(l)) continue
    const row = sorted.filter((o) => !used.has(o) && o.box.center.x >= l.box.center.x && sameRow(l.box, o.box))
    for (let n = Math.min(3, row.length); n >= 1; n--) {
      const parts = row.slice(0, n)
      const gapOk = parts.every((q, i) => i === 0 || q.box.quad[0].x - parts[i - 1].box.quad[1].x < 2.5 * q.box.short)
      if (!gapOk) continue
      const iso = printedDateToIso(parts.map((q) => q.text).join(' '))
      if (!iso) continue
      parts.forEach((q) => used.add(q))
      const prob = Math.min(...parts.map((q) => q.prob))
      found.push({ iso, prob, quad: joinQuads(parts.map((q) => q.quad)), y: l.box.center.y, parts })
      break
    }
  }
  return found
}

/** A printed value checked against the MRZ's: agreement is near-certain; disagreement trusts a verified MRZ. */
function crossCheck(printed: { iso: string; prob: number; quad: Quad } | undefined, fromMrz: string, mrzVerified: boolean): FieldRead {
  if (printed && fromMrz && printed.iso === fromMrz)
    return { value: fromMrz, prob: mrzVerified ? 99 : 95, quad: printed.quad, printed: printed.iso }
  if (mrzVerified && fromMrz && (isValidDate(fromMrz) || /^[A-Z0-9]+$/.test(fromMrz))) {
    return { value: fromMrz, prob: printed ? 85 : 88, quad: printed?.quad ?? null, printed: printed?.iso }
  }
  if (printed) return { value: printed.iso, prob: Math.min(85, pct(printed.prob)), quad: printed.quad, printed: printed.iso }
  return NONE
}

/** The best-scoring line for a matcher (of equal scores, the lowest on the page when `lowest`). */
function best<M extends { score: number }>(
  lines: readonly PageLine[],
  match: (l: PageLine) => M | null,
  lowest = false
): { line: PageLine; match: M } | undefined {
  let top: { line: PageLine; match: M } | undefined
  for (const line of lines) {
    const m = match(line)
    const better = top && (m?.score ?? 0) === top.match.score && lowest && line.box.center.y > top.line.box.center.y
    if (m && (!top || m.score > top.match.score || better)) top = { line, match: m }
  }
  return top
}

/**
 * A printed passport number with digit look-alikes fixed where the family's numbers have digits: after the
 * series letters (two at most), or everywhere for an all-digit series. A reading that already has the series'
 * shape stays as read: the mainland's E + letter + 7 digits (ES0585513) is no E + 8 digits with S for 5.
 */
function fixNumber(t: string, shape: RegExp): string {
  const s = t.replace(/\s/g, '').toUpperCase()
  if (s.length < 9 || shape.test(s)) return s
  const digits = (x: string): string =>
    x.replace(/[OQD]/g, '0').replace(/[IL]/g, '1').replace(/B/g, '8').replace(/S/g, '5').replace(/Z/g, '2')
  if (shape.test(digits(s))) return digits(s)
  return s.slice(0, 2) + digits(s.slice(2))
}

/** The printed country code, allowing one misread letter. */
function codeReads(text: string, code: string): boolean {
  return text.length === code.length && [...text].filter((c, i) => c !== code[i]).length <= 1
}

/** The MRZ's given names ('KA CHAK') as the family's page prints them: KACHAK, KA CHAK, KA-CHAK. */
function joinGiven(given: string, rules: PageRules): string {
  if (rules.givenNames === 'joined') return given.replace(/ /g, '')
  return rules.givenNames === 'hyphenated' ? given.replace(/ /g, '-') : given
}

/**
 * A Chinese name on a page that prints Traditional characters and no pinyin to check them against: as read, in
 * the page's script (the recogniser reads 呂 as 吕), never sure on one reading alone.
 */
function asPrinted(line: PageLine, rules: PageRules, nameEn: string): { value: string; prob: number; spelt?: true } {
  const read = readAsPrinted(line, rules, nameEn)
  // A character whose Hong Kong form is not Taiwan's, read in neither: which of the two the page prints is a guess.
  const regional = rules.script === 'hk' && [...line.text].some(regionalDoubt)
  return regional ? { ...read, prob: Math.min(read.prob, UNCHECKED_NAME) } : read
}

function readAsPrinted(line: PageLine, rules: PageRules, nameEn: string): { value: string; prob: number; spelt?: true } {
  const chars = [...line.text]
  // Surnames that are their own Traditional form: OpenCC would write the word 余 (餘), not the surname.
  const keep = KEPT_SURNAMES.includes(chars[0]) ? chars[0] : (SURNAME_FORMS[chars[0]] ?? '')
  const read = rules.script === 'cn' ? line.text : keep + toTraditional(chars.slice(keep ? 1 : 0).join(''))
  // One character short of the romanised name's syllables, and its surname one the recogniser cannot write:
  // that surname was lost (a proposal, never sure).
  const [surname = '', given = ''] = nameEn.split(',')
  const syllables = [surname, ...given.split(/[ -]/)].filter(Boolean).length
  const lost = !surname.includes(' ') && rules.script !== 'cn' ? lostSurname(surname, rules.script) : null
  const length = [...read].length
  const prob = pct(scriptProb(line, rules))
  // One character short, and where the recogniser wrote nothing it saw one spelt as the missing syllable. The
  // Simplified form of a character it cannot write (谭 for 譚 under TAM) was seen, not guessed; a character it can
  // write would have been written had it been printed, so it may be a look-alike (泳 seen for 詠): a proposal.
  const parts = nameParts(nameEn)
  const seen = (line.line.hidden ?? []).filter((h) => (rules.spellings?.(inPageScript(h.char, rules)) ?? []).includes(parts[h.at]))
  if (rules.spellings && length === parts.length - 1 && seen.length === 1) {
    const [h] = seen
    const char = inPageScript(h.char, rules)
    const chars = [...line.line.chars.slice(0, h.at), h, ...line.line.chars.slice(h.at)]
    const text = [...read]
    text.splice(h.at, 0, char)
    if (!recogniserWrites(char))
      return checkAgainstSpelling({ ...line, line: { ...line.line, chars } }, text.join(''), nameEn, rules, prob, 1)
    return { value: text.join(''), prob: Math.min(prob, RESTORED_NAME) }
  }
  // A first character the family spells as the surname is that surname, read (彭 under PANG on a Hong Kong page;
  // 魏 under WEI, where a given name was lost): no other was lost or misread for it.
  const speltAsSurname = (rules.spellings?.(inPageScript(chars[0], rules)) ?? []).includes(surname)
  if (lost && !read.startsWith(lost.char) && length === syllables - 1 && !speltAsSurname)
    return { value: lost.char + read, prob: Math.min(prob, RESTORED_NAME) }
  // Read as some other character, one no surname of that spelling is written with (盧 read as 虛).
  if (lost && length === syllables && !read.startsWith(lost.char) && !lost.readable.includes(chars[0]) && !speltAsSurname) {
    return { value: lost.char + [...read].slice(1).join(''), prob: Math.min(prob, RESTORED_NAME) }
  }
  const restored = withLostGivenChar(read, parts, rules)
  if (restored) return { value: restored, prob: Math.min(prob, RESTORED_NAME) }
  return rules.spellings ? checkAgainstSpelling(line, read, nameEn, rules, prob) : { value: read, prob: Math.min(prob, UNCHECKED_NAME) }
}

/**
 * A name romanised in the family's own system (Taiwan's Wade–Giles, the SARs' Cantonese) against its Latin name, one
 * syllable per character: every character that may be printed so makes the name sure, as pinyin does on the
 * mainland's pages; a character that may not is replaced by the recogniser's runner-up that may, if one does.
 * `read` is the line in the page's script, character for character.
 */
function checkAgainstSpelling(
  line: PageLine,
  read: string,
  nameEn: string,
  rules: PageRules,
  prob: number,
  seen = 0
): { value: string; prob: number; spelt?: true } {
  const spellings = rules.spellings ?? ((): readonly string[] => [])
  const inScript = (c: string): string => inPageScript(c, rules)
  const chars = [...read]
  const latinParts = nameParts(nameEn)
  const parts = compoundSurnameParts(latinParts, chars, spellings)
  const unchecked = { value: read, prob: Math.min(prob, UNCHECKED_NAME) }
  // Fewer characters than the romanised name has syllables, and none put back: one is missing for certain.
  if (chars.length < parts.length) return { value: read, prob: Math.min(prob, SHORT_NAME) }
  if (parts.length !== chars.length || line.line.chars.length !== chars.length) return unchecked
  const spelt = (c: string, i: number): boolean => spellings(c).includes(parts[i])
  let fixed = 0
  let standIn = false
  let lookalike = false
  const out = chars.map((c, i) => {
    if (spelt(c, i)) return c
    const alt = line.line.chars[i].alts.find((a) => a.prob >= PINYIN_ALT_MIN && spelt(inScript(a.char), i))
    if (!alt) {
      // Written as the look-alike of a character outside its dictionary, one spelt as the syllable (璋 for 瑋
      // under WEI): that character, as a proposal.
      const stood = standsFor(line.line.chars[i].char).filter((u) => spelt(u, i))
      if (stood.length !== 1) return null
      lookalike = true
      return stood[0]
    }
    fixed++
    const char = inScript(alt.char)
    // A Traditional page's character the recogniser cannot write comes out as a look-alike it can: a runner-up
    // spelt right that it wrote as printed may stand in for such a character of that spelling (泳 for 詠).
    if (rules.script !== 'cn' && char === alt.char) standIn = true
    return char
  })
  if (out.some((c) => c === null)) return { value: read, prob: Math.min(prob, 80) }
  if (lookalike) return { value: out.join(''), prob: Math.min(prob, LOOKALIKE_NAME) }
  // A runner-up spelt the same (a homophone, not the same character in the other script) is not settled by it;
  // nor is a reading that may stand for the usual Traditional form of its Simplified one, spelt alike, which the
  // recogniser cannot write itself (鍾 read as 鐘: both CHUNG, both 钟, and 钟 is usually 鍾).
  const homophone = line.line.chars.some((c, i) => {
    const readings = [c, ...c.alts].filter((a) => a.prob >= HOMOPHONE_MIN).map((a) => inScript(a.char))
    const usual = readings.map((r) => inScript(simplifiedOf(r))).filter((t) => !readings.includes(t) && !recogniserWrites(t))
    return new Set([...readings, ...usual].filter((t) => spelt(t, i))).size > 1
  })
  if (homophone) return { value: out.join(''), prob: Math.min(prob, 80) }
  // Nor does spelling vouch for a character the recogniser was unsure of on such a page: the look-alike it makes of
  // one it cannot write is spelt alike more often than not (泳 at 0.76 for 詠).
  // (A character read in its Simplified form stands for its own Traditional one, as 谭 for 譚: no look-alike.)
  const unsure =
    rules.script !== 'cn' && line.line.chars.some((c) => inScript(c.char) === c.char && inScriptShare(c, rules) < STAND_IN_SURE)
  if (standIn || unsure) return { value: out.join(''), prob: Math.min(prob, UNCHECKED_NAME) }
  // A first character that is no surname was misread, though spelt alike (超 read for 趙, both CHIU).
  const surnameLength = (nameEn.split(',')[0] ?? '').split(/[ -]/).length + parts.length - latinParts.length
  if (!isSurname(out.slice(0, surnameLength).join(''))) return { value: out.join(''), prob: Math.min(prob, UNCHECKED_NAME) }
  return fixed + seen > 0 ? { value: out.join(''), prob: 90 } : { value: out.join(''), prob: Math.max(prob, 97), spelt: true }
}

/**
 * A name one character short whose characters each spell their syllables but for one given-name syllable, which
 * only a character the recogniser cannot write commonly spells (劉承 under LIU,CHENG-CHIEH: 傑): that character put
 * back in its place; null where the gap is not one place or no such character fits it.
 */
function withLostGivenChar(read: string, parts: readonly string[], rules: PageRules): string | null {
  const chars = [...read]
  const spellings = rules.spellings
  if (!spellings || rules.script === 'cn' || chars.length !== parts.length - 1) return null
  const gaps = parts.map((_, k) => k).filter((k) => k > 0 && chars.every((c, i) => spellings(c).includes(parts[i < k ? i : i + 1])))
  if (gaps.length !== 1) return null
  const char = lostGivenChar(parts[gaps[0]], rules.script, spellings)
  return char ? [...chars.slice(0, gaps[0]), char, ...chars.slice(gaps[0])].join('') : null
}

/**
 * A compound surname romanised as one word (司徒 SZETO on Hong Kong's pages, 歐陽 OUYANG on Taiwan's) in its two
 * syllables, where the name's first two characters are such a surname and spell that word between them; the
 * parts as they were otherwise.
 */
function compoundSurnameParts(
  parts: readonly string[],
  chars: readonly string[],
  spellings: (c: string) => readonly string[]
): readonly string[] {
  if (chars.length !== parts.length + 1 || !isSurname(chars[0] + chars[1])) return parts
  const [word, ...rest] = parts
  const first = spellings(chars[0]).find((a) => word.startsWith(a) && spellings(chars[1]).includes(word.slice(a.length)))
  return first ? [first, word.slice(first.length), ...rest] : parts
}

/** A romanised SURNAME,GIVEN NAMES in its syllables, one per character (AU YEUNG,KA-YAN: AU, YEUNG, KA, YAN). */
function nameParts(nameEn: string): string[] {
  const [surname = '', given = ''] = nameEn.split(',')
  return [...surname.split(' '), ...given.split(/[ -]/)].filter(Boolean)
}

/** A character as the page's script writes it. */
const inPageScript = (c: string, rules: PageRules): string => (rules.script === 'cn' ? c : toTraditional(c))

/**
 * The line's mean probability in the page's script: the recogniser splits a Traditional character between its
 * Traditional and Simplified forms (華 0.38, 华 0.36), which are one and the same reading of the page.
 */
function scriptProb(line: PageLine, rules: PageRules): number {
  const chars = line.line.chars
  if (chars.length === 0) return line.prob
  return chars.reduce((s, c) => s + inScriptShare(c, rules), 0) / chars.length
}

/** One character's probability in the page's script: its own and its other script's form's (杨 0.76 + 楊 0.21). */
function inScriptShare(c: DecodedChar, rules: PageRules): number {
  const written = inPageScript(c.char, rules)
  return Math.min(
    1,
    c.alts.filter((a) => inPageScript(a.char, rules) === written).reduce((s, a) => s + a.prob, c.prob)
  )
}

/** Every way a Chinese name reads as a passport's SURNAME,GIVENNAMES (polyphonic characters, each split). */
function hanNames(han: string): string[] {
  const chars = [...han]
  if (chars.length < 2 || chars.length > 4) return []
  let spellings: string[][] = [[]]
  for (const c of chars) spellings = spellings.flatMap((s) => readings(c).map((r) => [...s, r]))
  return spellings.flatMap((syl) => syl.slice(1).map((_, k) => `${syl.slice(0, k + 1).join('')},${syl.slice(k + 1).join('')}`))
}

/** Each part of the MRZ name begins the same part of `full`, which has at most three letters more in all. */
function truncatedFrom(mrzName: string, full: string): boolean {
  const [s, g = ''] = mrzName.split(',')
  const [fs, fg = ''] = full.split(',')
  const lost = fs.length + fg.length - s.length - g.length
  return lost > 0 && lost <= 3 && fs.startsWith(s) && fg.startsWith(g) && s.length > 0
}

/**
 * Every SURNAME,GIVEN NAMES the family's romanisation spells a Chinese name as (one- and two-character surnames),
 * given names joined as the family's pages join them; none past a few hundred combinations.
 */
function romanised(han: string, rules: PageRules): string[] {
  const spellings = [...han].map((c) => rules.spellings?.(inPageScript(c, rules)) ?? [])
  if (spellings.some((s) => s.length === 0) || spellings.reduce((n, s) => n * s.length, 1) > 512) return []
  const combos = spellings.reduce<string[][]>((acc, s) => acc.flatMap((a) => s.map((x) => [...a, x])), [[]])
  const surnames = spellings.length >= 3 ? [1, 2] : [1]
  return combos.flatMap((c) => surnames.map((k) => `${c.slice(0, k).join(' ')},${joinGiven(c.slice(k).join(' '), rules)}`))
}

/**
 * Line 1's name is `full` with one of its commonest slips: letters lost at a name part's end, a filler read as a
 * letter, or its surname's '<<' read as one '<' (the same letters, parted otherwise).
 */
function slipFrom(mrzName: string, full: string): boolean {
  if (truncatedFrom(mrzName, full)) return true
  const letters = (n: string): string => n.replace(/[, -]/g, '')
  if (mrzName.replace(/,$/, '').length === full.length && letters(mrzName) === letters(full)) return true
  if (mrzName.length !== full.length) return false
  const diff = [...mrzName].flatMap((c, i) => (c === full[i] ? [] : [i]))
  return diff.length === 1 && /[A-Z]/.test(mrzName[diff[0]]) && /[ -]/.test(full[diff[0]])
}

/** The one spelling of the Chinese name that is `nameEn` with its given names parted where it runs two together. */
function partedBySpelling(nameEn: string, spelled: readonly string[]): string | undefined {
  const [surname, given = ''] = nameEn.split(',')
  const parts = (n: string): number => n.split(/[ -]/).length
  const found = spelled.filter((h) => {
    const [s, g = ''] = h.split(',')
    return s === surname && g.replace(/[ -]/g, '') === given.replace(/[ -]/g, '') && parts(g) === parts(given) + 1
  })
  return found.length > 0 && new Set(found).size === 1 ? found[0] : undefined
}

/** The MRZ name is the printed one with a K more next to a separator: a '<' of line 1 read as K. */
function fillerReadAsK(mrzName: string, printed: string): boolean {
  if (mrzName.length !== printed.length + 1) return false
  for (let i = 0; i < mrzName.length; i++) {
    const besideSeparator = /[, ]/.test(mrzName[i - 1] ?? ',') || /[, ]/.test(mrzName[i + 1] ?? ',')
    if (mrzName[i] === 'K' && besideSeparator && mrzName.slice(0, i) + mrzName.slice(i + 1) === printed) return true
  }
  return false
}

/**
 * The MRZ name is the printed one less letters beside its fillers: the recogniser's commonest slip on line 1 is a
 * letter next to a filler run taken into it ('FANGXIA<<<' read 'FANGXI<<<<', 'WENG<FAI' read 'WENG<IA'), and
 * a short last name part can go whole ('TAI<MAN<<<' read 'TAI<<<<<<'). Every part must keep its letters in order,
 * each losing at most LOST_PER_PART from its start or end, and the name at most LOST_LETTERS in all.
 */
function lostBeforeFill(mrzName: string, printed: string): boolean {
  const parts = (n: string): string[][] => n.split(',').map((p) => p.split(' ').filter(Boolean))
  const [mSurname = [], mGiven = []] = parts(mrzName)
  const [pSurname = [], pGiven = []] = parts(printed)
  let lost = 0
  const sameParts = (m: readonly string[], p: readonly string[]): boolean =>
    m.length === p.length &&
    m.every((w, i) => {
      const d = p[i].length - w.length
      // A part read doubled (ONON for ON) is as likely the print's lost space (ON ON) as line 1's lost letters.
      if (d < 0 || d > LOST_PER_PART || !(p[i].startsWith(w) || p[i].endsWith(w)) || (d > 0 && p[i] === w + w)) return false
      lost += d
      return true
    })
  // A given name gone whole is the last one, the one the longest filler run follows.
  const lastGone = pGiven.length === mGiven.length + 1 && pGiven[pGiven.length - 1].length <= LOST_LETTERS
  if (lastGone) lost += pGiven[pGiven.length - 1].length
  const given = lastGone ? pGiven.slice(0, -1) : pGiven
  return mrzName !== printed && sameParts(mSurname, pSurname) && sameParts(mGiven, given) && lost <= LOST_LETTERS
}

/** How many letters line 1 may have lost into its fillers, in all and from one name part, for the print to stand. */
const LOST_LETTERS = 3
const LOST_PER_PART = 2

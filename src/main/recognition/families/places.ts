/** Known printed values (places, authorities, nationality) and fuzzy matching of OCR text against them. */

import { distance as levenshtein } from 'fastest-levenshtein'

/** A bilingual value as printed: '北京/BEIJING'; `value` when the answer is written otherwise ('REPUBLIC OF CHINA'). */
export interface Bilingual {
  zh: string
  en: string
  value?: string
}

/** The answer for a known value: its own `value`, else both halves joined as the cloud joins them. */
export const valueOf = (b: Bilingual): string => b.value ?? (b.zh && b.en ? `${b.zh}/${b.en}` : b.zh || b.en)

/** The 34 province-level divisions, the only places of birth and issue a domestic passport prints. */
export const PLACES: readonly Bilingual[] = [
  ['北京', 'BEIJING'],
  ['天津', 'TIANJIN'],
  ['河北', 'HEBEI'],
  ['山西', 'SHANXI'],
  ['内蒙古', 'NEIMENGGU'],
  ['辽宁', 'LIAONING'],
  ['吉林', 'JILIN'],
  ['黑龙江', 'HEILONGJIANG'],
  ['上海', 'SHANGHAI'],
  ['江苏', 'JIANGSU'],
  ['浙江', 'ZHEJIANG'],
  ['安徽', 'ANHUI'],
  ['福建', 'FUJIAN'],
  ['江西', 'JIANGXI'],
  ['山东', 'SHANDONG'],
  ['河南', 'HENAN'],
  ['湖北', 'HUBEI'],
  ['湖南', 'HUNAN'],
  ['广东', 'GUANGDONG'],
  ['广西', 'GUANGXI'],
  ['海南', 'HAINAN'],
  ['重庆', 'CHONGQING'],
  ['四川', 'SICHUAN'],
  ['贵州', 'GUIZHOU'],
  ['云南', 'YUNNAN'],
  ['西藏', 'XIZANG'],
  ['陕西', 'SHAANXI'],
  ['甘肃', 'GANSU'],
  ['青海', 'QINGHAI'],
  ['宁夏', 'NINGXIA'],
  ['新疆', 'XINJIANG'],
  ['香港', 'HONGKONG'],
  ['澳门', 'MACAO'],
  ['台湾', 'TAIWAN']
].map(([zh, en]) => ({ zh, en }))

/** Issuing authorities printed on current passports (the ministry before 2018, the immigration administration since). */
export const AUTHORITIES: readonly Bilingual[] = [
  { zh: '公安部出入境管理局', en: '' },
  { zh: '国家移民管理局', en: '' }
]

/** The nationality line of every passport the People's Republic issues, mainland or SAR ('中國/CHINESE' too). */
export const NATIONALITY: Bilingual = { zh: '中国', en: 'CHINESE' }

/** A known value and how closely the OCR text matched it (1 = exactly). */
export interface TextMatch {
  value: string
  score: number
  /** Each script's half, alone, names this value: two readings of it agree (places printed in both scripts). */
  bothScripts?: boolean
}

// Below this the text is more likely another word than a misread of ours.
const MIN_SCORE = 0.7
// The winner must beat the runner-up by this much, or a misread between two neighbours (河北/湖北) is a guess.
const MIN_MARGIN = 0.1

// The recogniser's dictionary also holds traditional forms; fold those that occur in our values.
const SIMPLIFIED: Record<string, string> = {
  國: '国',
  門: '门',
  東: '东',
  龍: '龙',
  陝: '陕',
  廣: '广',
  臺: '台',
  灣: '湾',
  遼: '辽',
  寧: '宁',
  貴: '贵',
  雲: '云',
  肅: '肃',
  慶: '庆',
  內: '内',
  蘇: '苏'
}
// Latin letters have no digits in our values, so a digit is a misread letter.
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', '4': 'A' }

interface Halves {
  zh: string
  en: string
  /** With no '/' read, the last Chinese character may be the slash misread ('吉林小LIN'): `zh` without it. */
  zhBeforeSlash?: string
}

/** The Chinese characters and the Latin letters of an OCR string, each cleaned of noise. */
function halves(text: string): Halves {
  const chars = [...text.normalize('NFKC').toUpperCase()]
  const han = (c: string): boolean => /[\u3400-\u9fff]/.test(c)
  const zh = chars
    .filter(han)
    .map((c) => SIMPLIFIED[c] ?? c)
    .join('')
  const en = chars
    .map((c) => AS_LETTER[c] ?? c)
    .filter((c) => /[A-Z]/.test(c))
    .join('')
  const lastHan = chars.findLastIndex(han)
  const slashLost = !chars.includes('/') && lastHan > 0 && /[A-Z]/.test(chars[lastHan + 1] ?? '')
  return slashLost ? { zh, en, zhBeforeSlash: [...zh].slice(0, -1).join('') } : { zh, en }
}

const latinSimilarity = (a: string, b: string): number => 1 - levenshtein(a, b) / Math.max(a.length, b.length)

/** Shared characters over the longer length: a misread character costs its share, order hardly matters for 2–9 chars. */
function hanSimilarity(a: string, b: string): number {
  const pool = [...b]
  let shared = 0
  for (const c of a) {
    const i = pool.indexOf(c)
    if (i >= 0) {
      shared++
      pool.splice(i, 1)
    }
  }
  return shared / Math.max([...a].length, [...b].length)
}

/** Mean similarity over the halves the OCR text has; 0 when it has neither. */
function bilingualScore(ocr: Halves, known: Bilingual): number {
  const scores: number[] = []
  if (ocr.zh !== '')
    scores.push(Math.max(hanSimilarity(ocr.zh, known.zh), ocr.zhBeforeSlash ? hanSimilarity(ocr.zhBeforeSlash, known.zh) : 0))
  if (ocr.en !== '') scores.push(latinSimilarity(ocr.en, known.en))
  return scores.length === 0 ? 0 : scores.reduce((s, x) => s + x, 0) / scores.length
}

/** The best candidate if it is close enough and clearly ahead of the next one. */
function pickBest(scored: TextMatch[]): TextMatch | null {
  const [best, second] = [...scored].sort((a, b) => b.score - a.score)
  if (!best || best.score < MIN_SCORE) return null
  if (second && best.score - second.score < MIN_MARGIN) return null
  return { value: best.value, score: Math.round(best.score * 1000) / 1000 }
}

/** Compared in one script: the known value's Chinese folded as OCR text is. */
const folded = (b: Bilingual): Bilingual => ({
  ...b,
  zh: [...b.zh].map((c) => SIMPLIFIED[c] ?? c).join(''),
  en: b.en.replace(/[^A-Z]/g, '')
})

/** The known place that OCR text ('北京/BEIJNG', '北东 / BEIJING') most likely reads, or null. */
export function matchPlace(text: string, places: readonly Bilingual[] = PLACES): TextMatch | null {
  const ocr = halves(text)
  const known = places.map(folded)
  // Each half read exactly as a different place (河北/HUBEI): either could be the misread one.
  const zhExact = known.findIndex((p) => p.zh !== '' && p.zh === ocr.zh)
  const enExact = known.findIndex((p) => p.en === ocr.en)
  if (zhExact >= 0 && enExact >= 0 && zhExact !== enExact) return null
  const best = pickBest(known.map((p, i) => ({ value: valueOf(places[i]), score: bilingualScore(ocr, p) })))
  if (!best || ocr.zh === '' || ocr.en === '') return best
  const byZh = pickBest(known.map((p, i) => ({ value: valueOf(places[i]), score: p.zh === '' ? 0 : hanSimilarity(ocr.zh, p.zh) })))
  const byEn = pickBest(known.map((p, i) => ({ value: valueOf(places[i]), score: latinSimilarity(ocr.en, p.en) })))
  return byZh?.value === best.value && byEn?.value === best.value ? { ...best, bothScripts: true } : best
}

/**
 * The issuing authority that OCR text most likely reads, or null (e.g. an embassy, which we keep as read). An
 * authority printed on two or three lines (Chinese, then English) is matched by whichever line this is.
 */
export function matchAuthority(text: string, authorities: readonly Bilingual[] = AUTHORITIES): TextMatch | null {
  const { zh, en } = halves(text)
  const known = authorities.map(folded)
  const scored = known.map((a, i) => {
    const byZh = zh !== '' && a.zh !== '' ? hanSimilarity(zh, a.zh) : 0
    const byEn = en.length >= MIN_AUTHORITY_LETTERS && a.en !== '' ? Math.max(latinSimilarity(en, a.en), inOrder(en, a.en)) : 0
    return { value: valueOf(authorities[i]), score: Math.max(byZh, byEn) }
  })
  return pickBest(scored)
}

/**
 * A long name read in small print loses and garbles letters ('MGRTODENTGONGPECALADNISTRATIEREGON' for
 * IMMIGRATION DEPARTMENT, HONG KONG SPECIAL ADMINISTRATIVE REGION): the share of its letters that the known
 * name has in the same order, counted only for a reading at least half the known name's length.
 */
function inOrder(ocr: string, known: string): number {
  if (ocr.length * 2 < known.length) return 0
  let prev = new Array<number>(known.length + 1).fill(0)
  for (const c of ocr) {
    const row = [0]
    for (let j = 1; j <= known.length; j++) row.push(c === known[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]))
    prev = row
  }
  return prev[known.length] / ocr.length
}

/** A Latin line shorter than this is too short to be taken for an authority's name. */
const MIN_AUTHORITY_LETTERS = 8

/** The family's nationality ('中国/CHINESE', 'REPUBLIC OF CHINA') when OCR text reads it closely enough, else null. */
export function matchNationality(text: string, nationality: Bilingual = NATIONALITY): TextMatch | null {
  const score = bilingualScore(halves(text), folded(nationality))
  return pickBest([{ value: valueOf(nationality), score }])
}

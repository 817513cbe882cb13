/**
 * Wade–Giles, as Taiwan's passports print it: the romanisation of most holders' names (Taiwan passport,
 * Wikipedia, name section; Passport Act enforcement rules art. 14 also allow Hanyu pinyin, Tongyong pinyin or a
 * spelling already in use). Passports drop WG's apostrophes and umlauts (CH'EN → CHEN, HSÜ → HSU), so aspirated
 * and plain initials print alike. The tables follow the standard pinyin–Wade–Giles conversion chart.
 */

import { readings } from './pinyin'

/** Pinyin initials and their Wade–Giles spelling (aspiration marks dropped). */
const INITIALS: readonly (readonly [string, string])[] = [
  ['zh', 'CH'],
  ['ch', 'CH'],
  ['sh', 'SH'],
  ['b', 'P'],
  ['p', 'P'],
  ['m', 'M'],
  ['f', 'F'],
  ['d', 'T'],
  ['t', 'T'],
  ['n', 'N'],
  ['l', 'L'],
  ['g', 'K'],
  ['k', 'K'],
  ['h', 'H'],
  ['j', 'CH'],
  ['q', 'CH'],
  ['x', 'HS'],
  ['r', 'J'],
  ['z', 'TS'],
  ['c', 'TS'],
  ['s', 'S']
]

/** Pinyin finals (after an initial) and their Wade–Giles spellings; the first is the chart's. */
const FINALS: Record<string, readonly string[]> = {
  a: ['A'],
  o: ['O'],
  e: ['E', 'O'],
  ai: ['AI'],
  ei: ['EI'],
  ao: ['AO'],
  ou: ['OU'],
  an: ['AN'],
  en: ['EN'],
  ang: ['ANG'],
  eng: ['ENG'],
  ong: ['UNG'],
  er: ['ERH'],
  i: ['I'],
  ia: ['IA'],
  ie: ['IEH'],
  iao: ['IAO'],
  iu: ['IU'],
  ian: ['IEN'],
  in: ['IN'],
  iang: ['IANG'],
  ing: ['ING'],
  iong: ['IUNG'],
  u: ['U'],
  ua: ['UA'],
  uo: ['UO', 'O'],
  uai: ['UAI'],
  ui: ['UEI', 'UI'],
  uan: ['UAN'],
  un: ['UN'],
  uang: ['UANG'],
  v: ['U'],
  ve: ['UEH'],
  ue: ['UEH'],
  van: ['UAN'],
  vn: ['UN']
}

/** Syllables without an initial. */
const ALONE: Record<string, readonly string[]> = {
  yi: ['I', 'YI'],
  ya: ['YA'],
  ye: ['YEH'],
  yao: ['YAO'],
  you: ['YU', 'YOU'],
  yan: ['YEN'],
  yin: ['YIN'],
  yang: ['YANG'],
  ying: ['YING'],
  yong: ['YUNG'],
  yu: ['YU'],
  yue: ['YUEH'],
  yuan: ['YUAN'],
  yun: ['YUN'],
  wu: ['WU'],
  er: ['ERH']
}

/** The empty rhyme after the sibilants, spelt with its initial: CHIH, SHIH, JIH; TZU, SSU. */
const EMPTY_RHYME: Record<string, readonly string[]> = {
  zh: ['CHIH'],
  ch: ['CHIH'],
  sh: ['SHIH'],
  r: ['JIH'],
  z: ['TZU', 'TSU'],
  c: ['TZU', 'TSU'],
  s: ['SSU', 'SZU']
}

/**
 * Every way a Taiwan passport may print a pinyin syllable (given in upper or lower case, no tone): its Wade–Giles
 * forms, and the pinyin itself (ü as U), which the Passport Act also allows.
 */
export function taiwanSpellings(pinyin: string): string[] {
  const s = pinyin.toLowerCase().replace(/ü/g, 'v')
  const out = new Set<string>([s.replace(/v/g, 'u').toUpperCase()])
  for (const w of ALONE[s] ?? []) out.add(w)
  // w + final: wa, wo, wai, wei, wan, wen, wang, weng print as spelt.
  if (/^w/.test(s) && !ALONE[s]) out.add(s.toUpperCase())
  const initial = INITIALS.find(([p]) => s.startsWith(p))
  if (initial) {
    const [p, wg] = initial
    const final = s.slice(p.length)
    const spelt = final === 'i' ? EMPTY_RHYME[p] : undefined
    if (spelt) spelt.forEach((x) => out.add(x))
    else for (const f of FINALS[final] ?? []) out.add(wg + f)
    // j, q, x before u write ü: JU is CHU, XUE is HSUEH.
    if (['j', 'q', 'x'].includes(p) && final.startsWith('u')) for (const f of FINALS[`v${final.slice(1)}`] ?? []) out.add(wg + f)
  }
  return [...out]
}

/** Every way a Taiwan passport may spell a Chinese character: each of its Mandarin readings, spelt. */
export function taiwanCharSpellings(char: string): string[] {
  return [...new Set(readings(char).flatMap(taiwanSpellings))]
}

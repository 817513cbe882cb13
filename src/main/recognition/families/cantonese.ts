/**
 * How Hong Kong and Macao passports spell a Chinese character: its Cantonese readings (to-jyutping, from the
 * CantoDict/words.hk data) in the Hong Kong Government Cantonese Romanisation (CHAN, CHEUNG, TSUI, SZE, SUM)
 * or in Macao's Portuguese-based one (LEONG, IEONG, KOK, SIO, U), per Wikipedia's "Hong Kong Government Cantonese
 * Romanisation" and "Macau Government Cantonese Romanisation" tables. Both systems are allowed on both pages:
 * the union tells a character's spelling from another's as well, and people born in one SAR hold the other's
 * passport.
 */

import { createRequire } from 'node:module'

/** Jyutping initials (longest first) and their spellings. */
const INITIALS: readonly (readonly [string, readonly string[]])[] = [
  // Macao writes the labialised initial KU (郭 KUOK, 關 KUAN, 光 KUONG).
  ['gw', ['KW', 'K', 'KU']],
  ['kw', ['KW', 'K', 'KU']],
  ['ng', ['NG']],
  ['b', ['P']],
  ['p', ['P']],
  ['m', ['M']],
  ['f', ['F']],
  ['d', ['T']],
  ['t', ['T']],
  ['n', ['N']],
  ['l', ['L']],
  ['g', ['K']],
  ['k', ['K']],
  ['h', ['H']],
  ['w', ['W', 'V', '']],
  ['z', ['CH', 'TS']],
  ['c', ['CH', 'TS']],
  ['s', ['S', 'SH']],
  ['j', ['Y', 'I', '']]
]

/** Jyutping finals and their spellings in either system. */
const FINALS: Record<string, readonly string[]> = {
  aa: ['A'],
  aai: ['AI'],
  aau: ['AU', 'AO'],
  aam: ['AAM', 'AM'],
  aan: ['AN'],
  aang: ['ANG'],
  aap: ['AP'],
  aat: ['AT'],
  aak: ['AK', 'AC'],
  ai: ['AI'],
  au: ['AU', 'OW', 'AO'],
  am: ['AM', 'UM'],
  an: ['AN', 'UN'],
  ang: ['ANG'],
  ap: ['AP', 'UP'],
  at: ['AT'],
  ak: ['AK', 'AC'],
  e: ['E'],
  ei: ['EI', 'EE'],
  eng: ['ENG'],
  ek: ['EK', 'EC'],
  eoi: ['UI', 'EUI', 'OI'],
  eon: ['UN', 'EUN', 'ON'],
  eot: ['UT'],
  oe: ['OE'],
  oeng: ['EUNG', 'EONG'],
  oek: ['EUK', 'EOK', 'EOC'],
  i: ['I', 'EE', 'ZE', 'Z'],
  iu: ['IU', 'IO'],
  im: ['IM'],
  in: ['IN'],
  ing: ['ING', 'ENG'],
  ip: ['IP'],
  it: ['IT'],
  ik: ['IK', 'EK', 'EC'],
  o: ['O', 'AW'],
  oi: ['OI', 'OY'],
  ou: ['O', 'OU'],
  on: ['ON'],
  ong: ['ONG'],
  ot: ['OT'],
  ok: ['OK', 'OC'],
  u: ['U', 'OO'],
  ui: ['UI', 'OOI'],
  un: ['UN', 'OON'],
  ung: ['UNG', 'ONG'],
  ut: ['UT'],
  uk: ['UK', 'OK', 'UC'],
  yu: ['U', 'UE', 'YU', 'IU'],
  yun: ['UEN', 'UN', 'YUEN', 'IUN'],
  yut: ['UET', 'UT', 'YUET']
}

/** Every way a Jyutping syllable (tone digit and all) may be spelt on a Hong Kong or Macao passport. */
export function cantoneseSpellings(jyutping: string): string[] {
  const s = jyutping.replace(/\d$/, '')
  // The syllabic nasals: 吳 ng4 is NG, 唔 m4 is M.
  if (s === 'ng' || s === 'm') return [s.toUpperCase()]
  const [initial, spellings] = INITIALS.find(([i]) => s.startsWith(i) && FINALS[s.slice(i.length)]) ?? ['', ['']]
  const finals = FINALS[s.slice(initial.length)] ?? []
  return [...new Set(spellings.flatMap((i) => finals.map((f) => i + f)))]
}

type ToJyutping = { getJyutpingCandidates: (text: string) => [string, string[]][] }
let jyutping: ToJyutping | null = null

/** The character's Cantonese spellings; the reading dictionary (0.3 s to load) is loaded on the first SAR name. */
export function sarSpellings(char: string): string[] {
  // Required, not imported: a page of any other family never pays for the dictionary.
  jyutping ??= createRequire(import.meta.url)('to-jyutping') as ToJyutping
  const readings = jyutping.getJyutpingCandidates(char)[0]?.[1] ?? []
  return [...new Set(readings.flatMap(cantoneseSpellings))]
}

import hundredFamilies from 'pinyin-pro/dist/esm/data/surname.mjs'
import { simplifiedOf } from './traditional'

/**
 * Surnames common in Hong Kong, Macao and Taiwan that the Hundred Family Surnames (pinyin-pro's table, in
 * Simplified) leaves out: 麥 MAK, 鄺 KWONG, 冼 SIN, 佘 SHE, 涂 TU, 丘 YAU, 植 CHIK, 招 CHIU, 練 LIN, 粘 NIEN, 倫 LUN, 揭 KIT.
 */
const ALSO_SURNAMES = ['麦', '邝', '冼', '佘', '涂', '丘', '植', '招', '练', '粘', '伦', '揭']

const known = new Set([...Object.keys(hundredFamilies), ...ALSO_SURNAMES])

/** Is `chars` (one character, or two for a compound surname), in either script, a Chinese surname? */
export function isSurname(chars: string): boolean {
  return known.has([...chars].map(simplifiedOf).join(''))
}

/**
 * Given-name characters the recogniser cannot write (outside ppocr_keys_v1, as rec/writable.ts tells) that are
 * common in Hong Kong, Macao and Taiwan names, where the other characters of their spellings are ones it can
 * write: a given-name syllable spelt so that came back with no character at all was most likely one of these.
 * Chosen from the common given-name characters of those names (傑 KIT/CHIEH, 彥, 瑋, 鈞, 鋒, 珮, 瑤, and in
 * Taiwan's Wade–Giles 穎 YING, 頌 SUNG, 銳 JUI), leaving out any syllable two of them share (Hong Kong's WING is
 * 詠 as often as 穎).
 */
const SAR = '傑彥瑋鈞鋒珮瑤'
const TAIWAN = '傑彥瑋鈞鋒珮瑤穎頌銳'

/** The one such character the family spells `syllable`, or null (none, or more than one). */
export function lostGivenChar(syllable: string, script: 'hk' | 'tw', spellings: (char: string) => readonly string[]): string | null {
  const found = [...(script === 'tw' ? TAIWAN : SAR)].filter((c) => spellings(c).includes(syllable))
  return found.length === 1 ? found[0] : null
}

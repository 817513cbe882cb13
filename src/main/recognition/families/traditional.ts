/**
 * Simplified to Traditional Chinese, for the pages that print Traditional (Hong Kong, Macao, Taiwan): the
 * recogniser's dictionary holds mostly Simplified forms, and reads 呂 as 吕. OpenCC (opencc-js) knows the
 * regional variants (港 'hk', 臺 'tw'); its dictionaries are loaded on the first Traditional page only.
 */

import { Converter } from 'opencc-js/cn2t'
import { Locale } from 'opencc-js/t2cn'

type Target = 't' | 'hk' | 'tw'
const converters = new Map<Target, (text: string) => string>()

function converter(to: Target): (text: string) => string {
  let convert = converters.get(to)
  if (!convert) {
    convert = Converter({ from: 'cn', to })
    converters.set(to, convert)
  }
  return convert
}

/** Is this character a Simplified form, one OpenCC's standard Traditional writes otherwise? */
const isSimplified = (c: string): boolean => converter('t')(c) !== c

/**
 * `text` as a Traditional page prints it, character by character. One the recogniser wrote in a Traditional or
 * script-neutral form is the page's own and stays as read (溫, 峯: OpenCC's regional variants would make them
 * 温, 峰). A Simplified one takes the Traditional form Big5 text writes (OpenCC's 'tw': 温 → 溫); where Hong Kong's
 * standard writes it otherwise (温), `regionalDoubt` says so.
 */
export function toTraditional(text: string): string {
  return [...text].map((c) => (isSimplified(c) ? converter('tw')(c) : c)).join('')
}

/**
 * Is a character read in its Simplified form one that Hong Kong's and Taiwan's standards write differently (温
 * or 溫, 悦 or 悅)? The recogniser leans to the Simplified form whichever was printed (温 at 0.97 for 溫), so a
 * Hong Kong or Macao page's form of it is not known from the reading.
 */
export function regionalDoubt(c: string): boolean {
  return isSimplified(c) && converter('hk')(c) !== converter('tw')(c)
}

let simplified: Map<string, string> | null = null

/** The Simplified form of a Traditional character (鐘 and 鍾 → 钟); any other character as it is. */
export function simplifiedOf(char: string): string {
  if (!simplified) {
    // TSCharacters: 'traditional simplified' pairs, '|' between.
    simplified = new Map()
    for (const pair of Locale.to.cn.flat().join('|').split('|')) {
      const [t, s] = pair.split(' ')
      if (t && s && [...t].length === 1) simplified.set(t, s)
    }
  }
  return simplified.get(char) ?? char
}

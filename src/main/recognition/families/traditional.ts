/**
 * Simplified to Traditional Chinese, for the pages that print Traditional (Hong Kong, Macao, Taiwan): the
 * recogniser's dictionary holds mostly Simplified forms, and reads 呂 as 吕. OpenCC (opencc-js) knows the
 * regional variants (港 'hk', 臺 'tw'); its dictionary is loaded on the first Traditional page only.
 */

import { Converter } from 'opencc-js/cn2t'
import { Locale } from 'opencc-js/t2cn'

type Variant = 'hk' | 'tw'
const converters = new Map<Variant, (text: string) => string>()

/** `text` in the Traditional characters of `variant`; Traditional text comes back as it was. */
export function toTraditional(text: string, variant: Variant): string {
  let convert = converters.get(variant)
  if (!convert) {
    convert = Converter({ from: 'cn', to: variant })
    converters.set(variant, convert)
  }
  return convert(text)
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

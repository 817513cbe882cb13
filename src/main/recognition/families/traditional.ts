/**
 * Simplified to Traditional Chinese, for the pages that print Traditional (Hong Kong, Macao, Taiwan): the
 * recogniser's dictionary holds mostly Simplified forms, and reads 呂 as 吕. OpenCC (opencc-js) knows the
 * regional variants (港 'hk', 臺 'tw'); its dictionary is loaded on the first Traditional page only.
 */

import { Converter } from 'opencc-js/cn2t'

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

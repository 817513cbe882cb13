/** Issuing-state and nationality codes a TD3 line may carry (ICAO 9303 part 3, §5). */

import { states } from 'mrz'

/**
 * Codes ICAO 9303 uses besides ISO 3166's, which the `mrz` package does not list: UTO, the specimen state of
 * ICAO 9303 itself; D, Germany's one-letter code (as 'D<<'); the United Nations and stateless-person codes
 * (part 3, §5: UNO, UNA, UNK, XXA, XXB, XXC, XXX) and EUE for the European Union's laissez-passer.
 */
const ICAO_EXTRA = ['UTO', 'D', 'UNO', 'UNA', 'UNK', 'XXA', 'XXB', 'XXC', 'XXX', 'EUE', 'XOM', 'XPO', 'RKS']

/** As the three cells print them: 'UTO', 'D<<'. */
const KNOWN = new Set([...Object.keys(states), ...ICAO_EXTRA].map((c) => c.padEnd(3, '<')))

/** Is this three-cell field ('UTO', 'D<<') a known state code? */
export function isStateCode(field: string): boolean {
  return KNOWN.has(field)
}

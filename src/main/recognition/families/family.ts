/** What one document family knows about its passports, beyond ICAO 9303. */

import type { DocumentFamily } from '../../../shared/domain/families'
import type { ReadRules } from '../mrz/read'
import type { PageRules } from './page-rules'

/**
 * A family's rules: for the MRZ reader, the narrower template and line 1 rules its MRZ is read with (the general
 * one for foreign passports) and how its names are spelt (line 1 may then be settled by spelling).
 */
export interface FamilyRules extends ReadRules {
  family: DocumentFamily
  /** What its data page prints (null: not a Chinese page, only the MRZ is read). */
  page: PageRules | null
}

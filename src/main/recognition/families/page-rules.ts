/** What a Chinese family's data page prints, and how: what the printed-zone reader (passport/layout) needs. */

import type { Bilingual } from './places'

/** The page knowledge of one family. */
export interface PageRules {
  /** The script its Chinese is printed in: OpenCC's 'cn' (Simplified), 'hk' or 'tw' (Traditional variants). */
  script: 'cn' | 'hk' | 'tw'
  /** How given names are printed: 'joined' (pinyin SANFENG), 'spaced' (KA CHAK), 'hyphenated' (YU-TING). */
  givenNames: 'joined' | 'spaced' | 'hyphenated'
  /** Names are pinyin: the Chinese name and the Latin one check each other. */
  pinyin: boolean
  /**
   * Where names are romanised otherwise than in pinyin (Taiwan's Wade–Giles, the SARs' Cantonese), every way the
   * page may spell a character: the Chinese name and the Latin one check each other through it.
   */
  spellings?: (char: string) => readonly string[]
  /** Titles and headers, never a value. */
  furniture: RegExp
  /** The printed passport number's shape. */
  number: RegExp
  /** The country code the page prints under Code. */
  countryCode: string
  nationality: Bilingual
  authorities: readonly Bilingual[]
  /** Known places of birth (and of issue), as this family's pages print them. */
  places: readonly Bilingual[]
  /** Only the mainland's pages print a place of issue. */
  printsIssuePlace: boolean
  /** Sex printed with its Chinese character (男/M) rather than the letter alone. */
  sexInChinese: boolean
}

/**
 * The Republic of China (Taiwan) data page: Traditional Chinese name, hyphenated given names (CHEN, MEI-LING),
 * nationality REPUBLIC OF CHINA, place of birth in English only, authority 外交部 MINISTRY OF FOREIGN AFFAIRS,
 * no place of issue. Facts, and where they come from: Wikipedia, "Taiwan passport" (data page image and
 * description); the Passport Act Enforcement Rules (護照條例施行細則) for the fields; the place names are the
 * official English names of Taiwan's 22 special municipalities, cities and counties (Ministry of the Interior).
 */

import type { Bilingual } from './places'
import type { PageRules } from './page-rules'
import { taiwanCharSpellings } from './wade-giles'

const CITIES = ['TAIPEI', 'NEW TAIPEI', 'TAOYUAN', 'TAICHUNG', 'TAINAN', 'KAOHSIUNG', 'KEELUNG', 'HSINCHU', 'CHIAYI'].map(
  (c) => `${c} CITY`
)
const COUNTIES = [
  'HSINCHU',
  'MIAOLI',
  'CHANGHUA',
  'NANTOU',
  'YUNLIN',
  'CHIAYI',
  'PINGTUNG',
  'YILAN',
  'HUALIEN',
  'TAITUNG',
  'PENGHU',
  'KINMEN',
  'LIENCHIANG'
].map((c) => `${c} COUNTY`)

/** Places of birth as the page prints them: Taiwan itself, its cities and counties. */
const PLACES: readonly Bilingual[] = ['TAIWAN', ...CITIES, ...COUNTIES].map((en) => ({ zh: '', en, value: en }))

export const TAIWAN_PAGE: PageRules = {
  script: 'tw',
  givenNames: 'hyphenated',
  pinyin: false,
  spellings: taiwanCharSpellings,
  // The header's 中華民國 REPUBLIC OF CHINA is the nationality too: only the header's own words are furniture.
  furniture: /PASSPORT|護照|中華民國/,
  number: /^\d{9}$/,
  countryCode: 'TWN',
  nationality: { zh: '', en: 'REPUBLIC OF CHINA', value: 'REPUBLIC OF CHINA' },
  authorities: [{ zh: '外交部', en: 'MINISTRY OF FOREIGN AFFAIRS', value: '外交部/MINISTRY OF FOREIGN AFFAIRS' }],
  places: PLACES,
  printsIssuePlace: false,
  sexInChinese: false
}

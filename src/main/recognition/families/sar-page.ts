/**
 * The data pages of the Hong Kong and Macao SAR passports: Traditional Chinese, names in their own
 * romanisations (spaced given names: CHAN, TAI MAN), sex as a letter, no place of issue. Facts, and where they
 * come from: the field list and labels of Wikipedia's "Hong Kong Special Administrative Region passport" and
 * "Macao Special Administrative Region passport" (data page images), the authorities' names as those pages
 * print them; nationality is 中國/CHINESE on both, answered as 中国/CHINESE like every CHN passport.
 */

import type { Bilingual } from './places'
import { NATIONALITY, PLACES } from './places'
import type { PageRules } from './page-rules'
import { sarSpellings } from './cantonese'

/** Places of birth the SAR pages print that the mainland list spells otherwise, or lacks (birth abroad). */
const SAR_PLACES: readonly Bilingual[] = [
  { zh: '香港', en: 'HONG KONG' },
  { zh: '澳門', en: 'MACAO' },
  { zh: '英國', en: 'UNITED KINGDOM' },
  { zh: '加拿大', en: 'CANADA' },
  { zh: '澳大利亞', en: 'AUSTRALIA' },
  { zh: '美國', en: 'UNITED STATES OF AMERICA' },
  { zh: '菲律賓', en: 'PHILIPPINES' },
  { zh: '印度尼西亞', en: 'INDONESIA' },
  { zh: '馬來西亞', en: 'MALAYSIA' },
  { zh: '新加坡', en: 'SINGAPORE' },
  { zh: '越南', en: 'VIET NAM' },
  { zh: '泰國', en: 'THAILAND' },
  { zh: '葡萄牙', en: 'PORTUGAL' }
]

/** The mainland's provinces in Traditional characters (as OpenCC's 'hk' writes them; Latin names the same). */
const PROVINCES =
  '北京 天津 河北 山西 內蒙古 遼寧 吉林 黑龍江 上海 江蘇 浙江 安徽 福建 江西 山東 河南 湖北 湖南 廣東 廣西 海南 重慶 四川 貴州 雲南 西藏 陝西 甘肅 青海 寧夏 新疆 台灣'.split(
    ' '
  )

/** Provinces, then the SARs' own places. */
const PLACES_SAR: readonly Bilingual[] = [
  ...PLACES.filter((p) => p.en !== 'HONGKONG' && p.en !== 'MACAO').map((p, i) => ({ zh: PROVINCES[i], en: p.en })),
  ...SAR_PLACES
]

const SHARED = {
  script: 'hk',
  givenNames: 'spaced',
  pinyin: false,
  spellings: sarSpellings,
  furniture: /REPUBLIC|PASSPORT|PASSAPORTE|人民共和[國国]|護照|护照|^(香港|澳門)?特別行政區$/,
  countryCode: 'CHN',
  nationality: NATIONALITY,
  printsIssuePlace: false,
  sexInChinese: false
} as const

/** The Hong Kong SAR data page. */
export const HONG_KONG_PAGE: PageRules = {
  ...SHARED,
  number: /^(K|H|KJ)\d{7,8}$/,
  authorities: [{ zh: '香港特別行政區入境事務處', en: 'IMMIGRATION DEPARTMENT, HONG KONG SPECIAL ADMINISTRATIVE REGION' }],
  places: PLACES_SAR
}

/** Macao's page writes its own name the Portuguese way. */
const PLACES_MACAO = PLACES_SAR.map((p) => (p.en === 'MACAO' ? { ...p, en: 'MACAU' } : p))

/** The authority's three lines, any one of which names it. */
const MACAO_AUTHORITY =
  '澳門特別行政區身份證明局/DIRECÇÃO DOS SERVIÇOS DE IDENTIFICAÇÃO DA REGIÃO ADMINISTRATIVA ESPECIAL DE MACAU/IDENTIFICATION SERVICES BUREAU, MACAO SPECIAL ADMINISTRATIVE REGION'

/** The Macao SAR data page (labels and the authority also in Portuguese). */
export const MACAO_PAGE: PageRules = {
  ...SHARED,
  number: /^M[A-Z]\d{7}$/,
  authorities: [
    { zh: '澳門特別行政區身份證明局', en: 'IDENTIFICATION SERVICES BUREAU, MACAO SPECIAL ADMINISTRATIVE REGION', value: MACAO_AUTHORITY },
    { zh: '', en: 'DIRECCAO DOS SERVICOS DE IDENTIFICACAO DA REGIAO ADMINISTRATIVA ESPECIAL DE MACAU', value: MACAO_AUTHORITY }
  ],
  places: PLACES_MACAO
}

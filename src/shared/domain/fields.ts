/** The fifteen fields of a Chinese passport data page, in the cloud API's order. */
export const FIELD_KEYS = [
  'passportType',
  'countryCode',
  'passportNumber',
  'nameEn',
  'name',
  'sex',
  'birthPlace',
  'nationality',
  'issuePlace',
  'issueAuthority',
  'mrzLine1',
  'mrzLine2',
  'validToDate',
  'birthDate',
  'issueDate'
] as const

export type FieldKey = (typeof FIELD_KEYS)[number]

export type PassportData = Record<FieldKey, string>

/** How a field's value is written, so that editors and validators agree on one format. */
export type FieldFormat = 'text' | 'date' | 'sex' | 'place' | 'nameEn' | 'mrz' | 'passportNumber' | 'code'

export interface FieldSpec {
  key: FieldKey
  zh: string
  en: string
  format: FieldFormat
}

/** Labels as printed on the page (zh) and their English captions. */
export const FIELDS: readonly FieldSpec[] = [
  { key: 'passportType', zh: '类型', en: 'Type', format: 'code' },
  { key: 'countryCode', zh: '国家码', en: 'Country code', format: 'code' },
  { key: 'passportNumber', zh: '护照号', en: 'Passport No.', format: 'passportNumber' },
  { key: 'nameEn', zh: '英文姓名', en: 'Name (Latin)', format: 'nameEn' },
  { key: 'name', zh: '姓名', en: 'Name', format: 'text' },
  { key: 'sex', zh: '性别', en: 'Sex', format: 'sex' },
  { key: 'birthPlace', zh: '出生地点', en: 'Place of birth', format: 'place' },
  { key: 'nationality', zh: '国籍', en: 'Nationality', format: 'place' },
  { key: 'issuePlace', zh: '签发地点', en: 'Place of issue', format: 'place' },
  { key: 'issueAuthority', zh: '签发机关', en: 'Authority', format: 'text' },
  { key: 'mrzLine1', zh: '机读码一', en: 'MRZ line 1', format: 'mrz' },
  { key: 'mrzLine2', zh: '机读码二', en: 'MRZ line 2', format: 'mrz' },
  { key: 'validToDate', zh: '有效期至', en: 'Date of expiry', format: 'date' },
  { key: 'birthDate', zh: '出生日期', en: 'Date of birth', format: 'date' },
  { key: 'issueDate', zh: '签发日期', en: 'Date of issue', format: 'date' }
]

/** An empty record: the value of every unread field. */
export function emptyPassportData(): PassportData {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, ''])) as PassportData
}

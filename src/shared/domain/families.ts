/**
 * The document families the engine tells apart, decided from what the MRZ says (issuing state, document code,
 * number series) before anything a family is known for is applied.
 */
export const DOCUMENT_FAMILIES = ['mainland', 'hongkong', 'macao', 'taiwan', 'foreign'] as const

/** `mainland`: PRC ordinary and other passports; `hongkong`/`macao`: SAR passports; `foreign`: any other state. */
export type DocumentFamily = (typeof DOCUMENT_FAMILIES)[number]

/**
 * Surnames the recogniser cannot write. Its dictionary (PaddleOCR's ppocr_keys_v1, models/manifest.json) holds
 * mostly Simplified characters: a Traditional surname missing from it (譚, 蕭, 盧…) is read as nothing at all, and
 * the page's Chinese name comes back one character short. Where the romanised surname names exactly one such
 * character, that character is the likeliest one lost: it is put back, as a proposal (the caller keeps it under 90).
 *
 * Romanisations, and where they come from: Hong Kong's Cantonese (the Immigration Department's usual spellings,
 * as in Wikipedia's "List of common Chinese surnames", Cantonese column), Macao's Portuguese-style Cantonese (same
 * list, Macao spellings) and Taiwan's Wade–Giles (same list, Wade–Giles column). A spelling shared by a readable
 * and an unreadable character is kept only when the readable one is no surname that spelling commonly stands for.
 */
const LOST: Record<string, string> = {
  // Hong Kong and Macao
  TAM: '譚',
  SIU: '蕭',
  SIO: '蕭',
  LUI: '呂',
  TANG: '鄧',
  KUNG: '龔',
  PONG: '龐',
  NIP: '聶',
  LUK: '陸',
  // Taiwan
  HSIAO: '蕭',
  TAN: '譚',
  TENG: '鄧',
  PANG: '龐',
  NIEH: '聶',
  CHIA: '賈',
  TSOU: '鄒'
}

/** The surname character lost from a Chinese name, given the romanised surname; null when it is not one of these. */
export function lostSurname(surname: string): string | null {
  return LOST[surname] ?? null
}

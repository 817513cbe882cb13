/**
 * Surnames the recogniser cannot write. Its dictionary (PaddleOCR's ppocr_keys_v1, models/manifest.json) holds
 * mostly Simplified characters: a Traditional surname missing from it (譚, 蕭, 盧…) is read as nothing at all, and
 * the page's Chinese name comes back one character short. Where the romanised surname names exactly one such
 * character, that character is the likeliest one lost: it is put back, as a proposal (the caller keeps it under 90).
 * The recogniser may also read such a character as another it knows (盧 as 虛): where the spelling's readable
 * surnames (`readable`: 羅 for LO) do not include what was read, that is taken for the same loss.
 *
 * Romanisations, and where they come from: Hong Kong's Cantonese (the Immigration Department's usual spellings,
 * as in Wikipedia's "List of common Chinese surnames", Cantonese column), Macao's Portuguese-style Cantonese (same
 * list, Macao spellings) and Taiwan's Wade–Giles (same list, Wade–Giles column). A spelling shared by a readable
 * and an unreadable character is kept only when the readable one is no surname that spelling commonly stands for.
 */
const SAR: Record<string, LostSurname> = {
  TAM: { char: '譚', readable: '談谭' },
  SIU: { char: '蕭', readable: '邵萧肖' },
  SIO: { char: '蕭', readable: '邵萧肖' },
  LUI: { char: '呂', readable: '雷吕' },
  LO: { char: '盧', readable: '羅勞路魯罗劳卢鲁' },
  LOU: { char: '盧', readable: '羅勞路魯罗劳卢鲁' },
  TANG: { char: '鄧', readable: '唐滕邓' },
  KUNG: { char: '龔', readable: '孔龚' },
  PONG: { char: '龐', readable: '庞' },
  NIP: { char: '聶', readable: '聂' },
  LUK: { char: '陸', readable: '陆六' },
  LOK: { char: '陸', readable: '陆六駱骆洛樂乐' },
  WAI: { char: '韋', readable: '韦卫衛惠' },
  CHAU: { char: '鄒', readable: '邹周' },
  KWONG: { char: '鄺', readable: '邝匡光' },
  NG: { char: '吳', readable: '吴伍' },
  CHUNG: { char: '鍾', readable: '钟鐘宗仲' }
}

// Wade–Giles spells some of these as Cantonese spells other surnames (PANG is Hong Kong's 彭, TENG Macao's 丁):
// each family has its own table.
const TAIWAN: Record<string, LostSurname> = {
  HSIAO: { char: '蕭', readable: '萧肖' },
  TAN: { char: '譚', readable: '談谭' },
  TENG: { char: '鄧', readable: '邓' },
  PANG: { char: '龐', readable: '庞' },
  NIEH: { char: '聶', readable: '聂' },
  CHIA: { char: '賈', readable: '贾' },
  TSOU: { char: '鄒', readable: '邹' },
  KUNG: { char: '龔', readable: '孔龚' },
  WEI: { char: '韋', readable: '魏韦卫衛尉' },
  WU: { char: '吳', readable: '吴武伍巫烏乌邬' },
  CHUNG: { char: '鍾', readable: '钟鐘宗仲' }
}

/** An unwritable surname character, and the characters of the same spelling the recogniser may rightly read. */
export interface LostSurname {
  char: string
  readable: string
}

/**
 * The surname character lost from a Chinese name, given the romanised surname and the page's script (Hong Kong's
 * and Macao's Cantonese, or Taiwan's Wade–Giles); null when it is not one of these.
 */
export function lostSurname(surname: string, script: 'hk' | 'tw'): LostSurname | null {
  return (script === 'tw' ? TAIWAN : SAR)[surname] ?? null
}

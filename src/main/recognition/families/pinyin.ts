import { pinyin } from 'pinyin-pro'

/**
 * Hanyu Pinyin as Chinese passports print it (upper case, no tones; ü as YU, or as U after L and N).
 * The syllables are those of every character the recogniser's dictionary holds, read with pinyin-pro.
 */
const SYLLABLES = new Set(
  `
  A AI AN ANG AO BA BAI BAN BANG BAO BEI BEN BENG BI BIAN BIAO BIE BIN BING BO BU CA CAI CAN CANG CAO CE CEN
  CENG CHA CHAI CHAN CHANG CHAO CHE CHEN CHENG CHI CHONG CHOU CHU CHUAI CHUAN CHUANG CHUI CHUN CHUO CI CONG
  COU CU CUAN CUI CUN CUO DA DAI DAN DANG DAO DE DEI DENG DI DIA DIAN DIAO DIE DING DIU DONG DOU DU DUAN DUI
  DUN DUO E EI EN ER FA FAN FANG FEI FEN FENG FO FOU FU GA GAI GAN GANG GAO GE GEI GEN GENG GONG GOU GU GUA
  GUAI GUAN GUANG GUI GUN GUO HA HAI HAN HANG HAO HE HEI HEN HENG HNG HONG HOU HU HUA HUAI HUAN HUANG HUI HUN
  HUO JI JIA JIAN JIANG JIAO JIE JIN JING JIONG JIU JU JUAN JUE JUN KA KAI KAN KANG KAO KE KEN KENG KONG KOU
  KU KUA KUAI KUAN KUANG KUI KUN KUO LA LAI LAN LANG LAO LE LEI LENG LI LIA LIAN LIANG LIAO LIE LIN LING LIU
  LO LONG LOU LU LUAN LUE LUN LUO LYU LYUE MA MAI MAN MANG MAO ME MEI MEN MENG MI MIAN MIAO MIE MIN MING MIU
  MO MOU MU N NA NAI NAN NANG NAO NE NEI NEN NENG NG NI NIAN NIANG NIAO NIE NIN NING NIU NONG NU NUAN NUE NUO
  NYU NYUE O OU PA PAI PAN PANG PAO PEI PEN PENG PI PIAN PIAO PIE PIN PING PO POU PU QI QIA QIAN QIANG QIAO
  QIE QIN QING QIONG QIU QU QUAN QUE QUN RAN RANG RAO RE REN RENG RI RONG ROU RU RUAN RUI RUN RUO SA SAI SAN
  SANG SAO SE SEN SENG SHA SHAI SHAN SHANG SHAO SHE SHEI SHEN SHENG SHI SHOU SHU SHUA SHUAI SHUAN SHUANG SHUI
  SHUN SHUO SI SONG SOU SU SUAN SUI SUN SUO TA TAI TAN TANG TAO TE TEI TENG TI TIAN TIAO TIE TING TONG TOU TU
  TUAN TUI TUN TUO WA WAI WAN WANG WEI WEN WENG WO WU XI XIA XIAN XIANG XIAO XIE XIN XING XIONG XIU XU XUAN
  XUE XUN YA YAN YANG YAO YE YI YIN YING YO YONG YOU YU YUAN YUE YUN ZA ZAI ZAN ZANG ZAO ZE ZEI ZEN ZENG ZHA
  ZHAI ZHAN ZHANG ZHAO ZHE ZHEI ZHEN ZHENG ZHI ZHONG ZHOU ZHU ZHUA ZHUAI ZHUAN ZHUANG ZHUI ZHUN ZHUO ZI ZONG
  ZOU ZU ZUAN ZUI ZUN ZUO
`
    .trim()
    .split(/\s+/)
    // Interjections (M, N, NG, HNG) have no vowel and are never a name's syllable.
    .filter((x) => /[AEIOU]/.test(x))
)
const LONGEST = 6

/** Split a name written in pinyin into syllables, or null when it is not pinyin at all. */
export function syllables(word: string): string[] | null {
  const w = word.toUpperCase().replace(/[^A-Z]/g, '')
  // best[i]: a split of w[0..i) into syllables, preferring fewer (longer) syllables.
  const best: (string[] | null)[] = [[], ...Array.from({ length: w.length }, () => null)]
  for (let i = 1; i <= w.length; i++) {
    for (let k = Math.max(0, i - LONGEST); k < i; k++) {
      const prev = best[k]
      if (prev && SYLLABLES.has(w.slice(k, i)) && (!best[i] || prev.length + 1 < (best[i] as string[]).length))
        best[i] = [...prev, w.slice(k, i)]
    }
  }
  return w.length > 0 ? best[w.length] : null
}

/** Is this (a surname or given names) written in pinyin? */
export function isPinyin(word: string): boolean {
  return syllables(word) !== null
}

/** Every pinyin reading of a character, as passports print it (polyphonic surnames have several). */
export function readings(char: string): string[] {
  return pinyin(char, { toneType: 'none', type: 'array', multiple: true }).map((p) => p.toUpperCase().replace('Ü', 'U'))
}

/**
 * Split the pinyin of a name into one syllable per Chinese character, or null when it does not split so.
 * Several splits are possible ("XIAN" as XIAN or XI+AN): the one with `count` syllables is wanted.
 */
export function syllablesFor(word: string, count: number): string[] | null {
  const w = word.toUpperCase().replace(/[^A-Z]/g, '')
  const memo = new Map<string, string[] | null>()
  const go = (i: number, left: number): string[] | null => {
    if (i === w.length) return left === 0 ? [] : null
    if (left === 0) return null
    const key = `${i}:${left}`
    if (memo.has(key)) return memo.get(key) ?? null
    let found: string[] | null = null
    for (let j = Math.min(w.length, i + LONGEST); j > i && !found; j--) {
      if (!SYLLABLES.has(w.slice(i, j))) continue
      const rest = go(j, left - 1)
      if (rest) found = [w.slice(i, j), ...rest]
    }
    memo.set(key, found)
    return found
  }
  return go(0, count)
}

/**
 * Syllables of interjections and particles (哦 O, 哟 YO, 咯 LO, 诶 EI, 丢 DIU, 嗲 DIA…) are pinyin but no name's: a
 * glyph reading of YANG is not put in doubt by the YAN-O its unsure G could also spell.
 */
const NOT_IN_NAMES = new Set(['O', 'YO', 'LO', 'EI', 'DIU', 'DIA', 'DEI', 'GEI', 'SHEI', 'ZEI', 'TEI'])

/**
 * Line 1's name: a surname and given names of pinyin syllables, separated as TD3 separates them (names only
 * when `asName`: no interjection syllables).
 */
function pinyinName(line1: string, asName: boolean): boolean {
  const m = /^P.[A-Z]{3}([A-Z]+(?:<[A-Z]+)*)<<([A-Z]+(?:<[A-Z]+)*)<*$/.exec(line1)
  const ok = (s: string): boolean => !asName || !NOT_IN_NAMES.has(s)
  return m !== null && [...m[1].split('<'), ...m[2].split('<')].every((w) => syllables(w)?.every(ok) ?? false)
}

/** Mainland names on line 1: pinyin (GB/T 28039-2011). */
export const PINYIN_SPELLING = {
  reads: (line1: string): boolean => pinyinName(line1, false),
  strictly: (line1: string): boolean => pinyinName(line1, true)
}

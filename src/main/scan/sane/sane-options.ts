/** One option a SANE device lists in `scanimage -A`, with the values it takes where they are a list or a range. */
export interface SaneOption {
  /** As scanimage takes it: `--mode`, `-l`. */
  flag: string
  values: string[] | null
  range: { min: number; max: number } | null
}

// `    --mode Gray|Color [Gray]`, `    --resolution 1..1200dpi (in steps of 1) [75]`, `    -l 0..215.9mm [0]`,
// `    --grayify[=(yes|no)] [no]`: two or more spaces, the flag, its constraint, then the current value in brackets.
const LINE = /^ {2,}(--?[A-Za-z0-9][\w-]*)(\[=\(([^)]*)\)\])?(?: (.*))?$/

/** Read the device-specific options from `scanimage -d DEV -A` (the frontend's own options are not listed there). */
export function parseSaneOptions(text: string): Map<string, SaneOption> {
  const out = new Map<string, SaneOption>()
  const start = text.indexOf('All options specific to device')
  if (start < 0) return out
  for (const line of text.slice(start).split('\n')) {
    const m = LINE.exec(line)
    if (!m) continue
    const [, flag, , bool, rest = ''] = m
    const constraint = rest.replace(/ ?\[[^\]]*\]/g, '').replace(/\(in steps of [^)]*\)/, '').trim()
    let values: string[] | null = null
    let range: SaneOption['range'] = null
    const r = /^(-?[\d.]+)\.\.(-?[\d.]+)[a-z%]*$/i.exec(constraint)
    if (bool) values = bool.split('|')
    else if (r) range = { min: Number(r[1]), max: Number(r[2]) }
    else if (constraint.includes('|')) values = constraint.replace(/(dpi|mm|%|bit|us|pel)$/, '').split('|').filter((v) => v !== '')
    out.set(flag.replace(/^-+/, ''), { flag, values, range })
  }
  return out
}

/** A device's value for our colour mode, or null when it lists no such mode. */
export function saneModeValue(option: SaneOption | undefined, mode: 'color' | 'gray'): string | null {
  const wanted = mode === 'color' ? /^colou?r$/i : /^gr[ae]y(scale)?$/i
  return option?.values?.find((v) => wanted.test(v)) ?? null
}

/** A device's value for our input, or null when it lists none (SANE names: Flatbed, ADF, Automatic Document Feeder). */
export function saneSourceValue(option: SaneOption | undefined, input: 'flatbed' | 'feeder'): string | null {
  const wanted = input === 'flatbed' ? /flatbed|normal|platen/i : /adf|feeder/i
  // Duplex feeders are offered beside the simplex one: a passport page is one side.
  return option?.values?.find((v) => wanted.test(v) && !/duplex/i.test(v)) ?? null
}

/** Whether a device takes a value for an option. */
export function saneAccepts(option: SaneOption, value: string): boolean {
  if (option.values) return option.values.includes(value)
  if (option.range) {
    const n = Number(value)
    return Number.isFinite(n) && n >= option.range.min && n <= option.range.max
  }
  return true
}

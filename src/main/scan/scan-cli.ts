import { valueAfter } from '../cli-options'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import type { ErrorInfo } from '../../shared/domain/errors'
import type { PassportResponse } from '../../shared/domain/response'
import type { Recognizer } from '../services/recognition-queue'
import { DEFAULT_SCAN_SETTINGS } from './scan-source'
import type { ScanSettings, ScanSource } from './scan-source'
import { listScanners, sourceFor } from './scan-sources'

/** The command line's scanner options, taken out of `recognize`'s arguments. */
export interface ScanArgs {
  list: boolean
  device: string | null
  settings: ScanSettings
  /** The arguments that are not about scanning, for `recognize` itself. */
  rest: string[]
}

/** Usage lines of the scanner options. */
export const SCAN_USAGE = `  recognize --list-scanners                                   one scanner per line: ID<TAB>name
  recognize --scan ID [--resolution DPI] [--mode color|gray] [--source flatbed|feeder] [--scan-option NAME=VALUE]...
                                                              scan (every page from a feeder), one JSON line per page`

/** Take `--list-scanners`, `--scan ID`, `--resolution`, `--mode`, `--source`, `--scan-option` out of argv. */
export function takeScanArgs(argv: string[]): ScanArgs {
  const out: ScanArgs = { list: false, device: null, settings: { ...DEFAULT_SCAN_SETTINGS, options: {} }, rest: [] }
  let scanOnly: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => valueAfter(argv, i++)
    if (a === '--list-scanners') out.list = true
    else if (a === '--scan') out.device = value()
    else if (a === '--resolution') {
      const v = Number(value())
      if (!Number.isInteger(v) || v < 50 || v > 1200) throw new AppError('USAGE', '--resolution needs dots per inch, 50 to 1200')
      out.settings.resolution = v
      scanOnly = a
    } else if (a === '--mode') {
      const v = value()
      if (v !== 'color' && v !== 'gray') throw new AppError('USAGE', '--mode is color or gray')
      out.settings.mode = v
      scanOnly = a
    } else if (a === '--source') {
      const v = value()
      if (v !== 'flatbed' && v !== 'feeder') throw new AppError('USAGE', '--source is flatbed or feeder')
      out.settings.input = v
      scanOnly = a
    } else if (a === '--scan-option') {
      const m = /^([A-Za-z][\w-]*)=(.*)$/.exec(value())
      if (!m) throw new AppError('USAGE', '--scan-option needs NAME=VALUE')
      out.settings.options[m[1]] = m[2]
      scanOnly = a
    } else out.rest.push(a)
  }
  if (scanOnly && !out.device) throw new AppError('USAGE', `${scanOnly} goes with --scan ID`)
  if (out.list && out.device) throw new AppError('USAGE', '--list-scanners and --scan are separate runs')
  return out
}

/** Print every scanner found, one `ID<TAB>name` per line; a source that failed is told on stderr. Exit status. */
export async function printScanners(sources: readonly ScanSource[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { devices, errors } = await listScanners(sources)
  for (const d of devices) out(`${d.id}\t${d.name}\n`)
  for (const e of errors) err(`error: ${e.code}: ${e.message}\n`)
  return errors.length > 0 && devices.length === 0 ? 1 : 0
}

type Line = { file: string; page: number } & (PassportResponse | { error: ErrorInfo })

/**
 * Scan and recognise: each page goes to the engine as soon as it arrives (the next one scans meanwhile) and its line
 * is printed in page order. A scan that fails ends with one line `{"file": ID, "error": …}`. True when all went well.
 */
export async function recognizeScan(
  sources: readonly ScanSource[],
  args: ScanArgs & { device: string },
  engine: Recognizer,
  options: { outputFigure: boolean },
  out: (s: string) => void
): Promise<boolean> {
  let ok = true
  let printed: Promise<void> = Promise.resolve()
  const print = (line: Line): void => {
    if ('error' in line) ok = false
    out(JSON.stringify(line) + '\n')
  }
  try {
    let page = 0
    for await (const p of sourceFor(sources, args.device).scan(args.device, args.settings)) {
      const n = ++page
      const line = engine.recognize(p.bytes, options).then(
        (r): Line => ({ file: p.fileName, page: n, ...r }),
        (e: unknown): Line => ({ file: p.fileName, page: n, error: toErrorInfo(e) })
      )
      printed = printed.then(async () => print(await line))
    }
  } catch (e) {
    await printed
    ok = false
    out(JSON.stringify({ file: args.device, error: toErrorInfo(e) }) + '\n')
  }
  await printed
  return ok
}

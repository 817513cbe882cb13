import { readFile, stat } from 'node:fs/promises'
import { AppError, toErrorInfo } from '../shared/domain/errors'
import type { ErrorInfo } from '../shared/domain/errors'
import type { PassportResponse } from '../shared/domain/response'
import { filePages } from './ingest/pages/file-pages'
import { config } from './recognition/config'
import { defaultPoolOptions, EnginePool } from './recognition/engine-pool'
import { MRZ_READER_USAGE, printMrzReads, takeMrzReaderArgs } from './mrz-reader/mrz-reader-cli'
import { printScanners, recognizeScan, SCAN_USAGE, takeScanArgs } from './scan/scan-cli'
import { systemScanSources } from './scan/scan-sources'

const USAGE = `usage:
  recognize [--workers N] [--threads N] [--figure] FILE...   one JSON line per file (per page of a PDF or TIFF), in input order
${SCAN_USAGE}
${MRZ_READER_USAGE}
exit status: 0 all read, 1 any failed, 2 usage error`

/** Read a file for recognition, turning the file system's failures into stable codes. */
export async function readInput(file: string): Promise<Buffer> {
  let size: number
  try {
    const s = await stat(file)
    if (!s.isFile()) throw new AppError('FILE_NOT_FOUND', `${file} is not a file`)
    size = s.size
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('FILE_NOT_FOUND', `${file} does not exist or cannot be read`)
  }
  if (size > config.limits.maxFileBytes)
    throw new AppError('FILE_TOO_LARGE', `${file} is ${size} bytes; at most ${config.limits.maxFileBytes} are accepted`)
  return readFile(file)
}

interface Args {
  files: string[]
  workers?: number
  threads?: number
  figure: boolean
}

function parseArgs(argv: string[], scanning: boolean): Args {
  const args: Args = { files: [], figure: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const num = (): number => {
      const v = Number(argv[++i])
      if (!Number.isInteger(v) || v < 1) throw new AppError('USAGE', `${a} needs a positive whole number`)
      return v
    }
    if (a === '--workers') args.workers = num()
    else if (a === '--threads') args.threads = num()
    else if (a === '--figure') args.figure = true
    else if (a === '--help' || a === '-h') throw new AppError('USAGE', '')
    else if (a.startsWith('--')) throw new AppError('USAGE', `unknown option ${a}`)
    else args.files.push(a)
  }
  if (args.files.length === 0 && !scanning) throw new AppError('USAGE', 'no input files')
  if (args.files.length > 0 && scanning) throw new AppError('USAGE', 'files and --scan are separate runs')
  return args
}

/**
 * `recognize FILE...`: every file is attempted; results are printed in input order as soon as they are ready, one
 * line per page (with `page`, 1-based) for a file of several pages. Files are read one after another, so they reach
 * the engine's queue in input order, and only a few ahead of the one being printed, so hundreds of files never sit
 * in memory at once.
 */
async function recognize(argv: string[]): Promise<number> {
  const write = (s: string): void => void process.stdout.write(s)
  const reader = takeMrzReaderArgs(argv)
  if (reader.port !== null) {
    // Until Ctrl+C (or a SIGTERM), which ends the run as asked, not as a failure.
    const stop = new AbortController()
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort())
    return printMrzReads(reader.port, reader.baudRate, write, (s) => void process.stderr.write(s), stop.signal)
  }
  const scan = takeScanArgs(argv)
  if (scan.list) return printScanners(systemScanSources(), write, (s) => void process.stderr.write(s))
  const args = parseArgs(scan.rest, scan.device !== null)
  const options = defaultPoolOptions()
  const pool = new EnginePool({ workers: args.workers, threads: args.threads, warmUp: false })
  if (scan.device !== null) {
    const device = scan.device
    return recognizeScan(systemScanSources(), { ...scan, device }, pool, { outputFigure: args.figure }, write)
      .then((ok) => (ok ? 0 : 1))
      .finally(() => pool.close())
  }
  const ahead = 2 * (args.workers ?? options.workers)
  type Line = { file: string; page?: number } & (PassportResponse | { error: ErrorInfo })
  let reading: Promise<unknown> = Promise.resolve()
  const start = (file: string): Promise<Line[]> => {
    const pages = reading.then(async () => filePages(await readInput(file), pool))
    reading = pages.catch(() => undefined)
    return pages.then(
      (ps) =>
        Promise.all(
          ps.map(({ page, bytes }) => {
            const at = ps.length > 1 ? { file, page } : { file }
            return pool.recognize(bytes, { outputFigure: args.figure }).then(
              (r): Line => ({ ...at, ...r }),
              (err: unknown): Line => ({ ...at, error: toErrorInfo(err) })
            )
          })
        ),
      (err: unknown): Line[] => [{ file, error: toErrorInfo(err) }]
    )
  }
  try {
    const pending: Promise<Line[]>[] = []
    let failed = false
    for (let i = 0; i < args.files.length; i++) {
      while (pending.length < Math.min(args.files.length, i + 1 + ahead)) pending.push(start(args.files[pending.length]))
      for (const line of await pending[i]) {
        if ('error' in line) failed = true
        process.stdout.write(JSON.stringify(line) + '\n')
      }
    }
    return failed ? 1 : 0
  } finally {
    await pool.close()
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'recognize') return await recognize(rest)
    throw new AppError('USAGE', command ? `unknown command ${command}` : '')
  } catch (err) {
    const info = toErrorInfo(err)
    if (info.code === 'USAGE') {
      if (info.message) process.stderr.write(`error: ${info.message}\n`)
      process.stderr.write(USAGE + '\n')
      return 2
    }
    process.stderr.write(`error: ${info.code}: ${info.message}\n`)
    return 1
  }
}

// stdout is the JSON lines alone: a library's diagnostics (libheif reports a failed decode with console.log) go to stderr.
console.log = console.error
process.exitCode = await main(process.argv.slice(2))

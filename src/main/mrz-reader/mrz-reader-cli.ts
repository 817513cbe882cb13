import { valueAfter } from '../cli-options'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import { mrzReaderConfig } from './mrz-reader-config'
import { mrzOnlyResponse } from './mrz-response'
import { readReaderMrz } from './mrz-text'
import type { OpenSerialReader } from './serial-service'
import { SerialMrzReader } from './serial-reader'

/** Usage line of the serial MRZ reader option. */
export const MRZ_READER_USAGE = `  recognize --mrz-reader PORT [--baud N]                      read a serial MRZ reader until interrupted: one JSON line per read`

/** `--mrz-reader PORT` and `--baud N` taken out of argv; null when absent. */
export function takeMrzReaderArgs(argv: string[]): { port: string | null; baudRate: number; rest: string[] } {
  const out = { port: null as string | null, baudRate: mrzReaderConfig.baudRate as number, rest: [] as string[] }
  let baud = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => valueAfter(argv, i++)
    if (a === '--mrz-reader') out.port = value()
    else if (a === '--baud') {
      out.baudRate = Number(value())
      if (!Number.isInteger(out.baudRate) || out.baudRate < 300) throw new AppError('USAGE', '--baud needs a speed such as 9600')
      baud = true
    } else out.rest.push(a)
  }
  if (baud && out.port === null) throw new AppError('USAGE', '--baud goes with --mrz-reader PORT')
  if (out.port !== null && out.rest.length > 0)
    throw new AppError('USAGE', '--mrz-reader reads the reader alone: no files or other options')
  return out
}

/**
 * Print each read of the reader on `port` as a response line (the fields its MRZ gives, as the workstation stores
 * them) or an error line, until `signal` aborts; connection changes go to `log`. Returns the exit status.
 */
export async function printMrzReads(
  port: string,
  baudRate: number,
  write: (line: string) => void,
  log: (line: string) => void,
  signal: AbortSignal,
  openReader: OpenSerialReader = (opts, ev) => new SerialMrzReader(opts, ev)
): Promise<number> {
  const reader = openReader(
    { path: port, baudRate },
    {
      read: (r) => {
        try {
          if ('error' in r) throw r.error
          const today = new Date()
          write(JSON.stringify({ port, ...mrzOnlyResponse(readReaderMrz(r.text, today), today) }) + '\n')
        } catch (err) {
          write(JSON.stringify({ port, error: toErrorInfo(err) }) + '\n')
        }
      },
      status: (s) => log(s.connected ? `mrz-reader: ${port} connected\n` : `mrz-reader: ${s.error?.message ?? `${port} closed`}\n`)
    }
  )
  reader.start()
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })))
  await reader.stop()
  return 0
}

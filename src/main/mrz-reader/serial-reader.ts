import { SerialPort } from 'serialport'
import { AppError } from '../../shared/domain/errors'
import { mrzReaderConfig } from './mrz-reader-config'
import { FrameDecoder } from './serial-frames'
import type { SerialRead } from './serial-frames'

/** Where a serial (virtual COM) MRZ reader is, and how fast it talks. */
export interface SerialReaderOptions {
  path: string
  baudRate: number
  /** How long to wait before opening the port again after it went away or could not be opened. */
  reconnectMs?: number
}

/** What the reader reports: each read (or what was wrong with it), and whether the port is open. */
export interface SerialReaderEvents {
  read(r: SerialRead): void
  status(s: { connected: boolean; error: AppError | null }): void
}

/**
 * A serial MRZ reader on `path`, kept open: when the device goes away (unplugged, its virtual port closed) or is not
 * there yet, the port is opened again every reconnectMs until stop(). Each connection decodes afresh, so a frame
 * cut by the disconnection is dropped, not glued to the next.
 */
export class SerialMrzReader {
  private port: SerialPort | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private stopped = false

  constructor(
    private readonly opts: SerialReaderOptions,
    private readonly events: SerialReaderEvents
  ) {}

  start(): void {
    this.stopped = false
    this.open()
  }

  /** Close the port and stop reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    const port = this.port
    this.port = null
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
  }

  private open(): void {
    if (this.stopped) return
    const decoder = new FrameDecoder()
    const port = new SerialPort({ path: this.opts.path, baudRate: this.opts.baudRate, autoOpen: false })
    this.port = port
    port.on('data', (chunk: Buffer) => decoder.push(chunk).forEach((r) => this.events.read(r)))
    port.on('close', () => this.retry(null))
    port.on('error', (err: Error) => this.retry(err))
    port.open((err) => {
      if (err) return this.retry(err)
      this.events.status({ connected: true, error: null })
    })
  }

  private retry(err: Error | null): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    const port = this.port
    this.port = null
    if (port?.isOpen) port.close(() => undefined)
    port?.removeAllListeners()
    const error = new AppError(
      'MRZ_READER_UNREACHABLE',
      `the MRZ reader on ${this.opts.path} ${err ? `cannot be opened: ${err.message}` : 'went away'}`
    )
    this.events.status({ connected: false, error })
    this.timer = setTimeout(() => this.open(), this.opts.reconnectMs ?? mrzReaderConfig.reconnectMs)
  }
}

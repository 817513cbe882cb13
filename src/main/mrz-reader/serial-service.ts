import type { EventContract } from '../../shared/contract'
import { toErrorInfo } from '../../shared/domain/errors'
import type { EventBus } from '../services/event-bus'
import type { MrzReaderService } from './mrz-reader-service'
import { SerialMrzReader } from './serial-reader'
import type { SerialReaderEvents, SerialReaderOptions } from './serial-reader'

/** Opens a reader (tests pass their own reconnect interval). */
export type OpenSerialReader = (opts: SerialReaderOptions, events: SerialReaderEvents) => { start(): void; stop(): Promise<void> }

/**
 * The serial MRZ reader the operator chose (settings.mrzReaderPort, '' none): its reads enter the same path as the
 * keyboard wedge's, and each outcome and connection change is announced to the windows.
 */
export class SerialReaderService {
  private reader: { start(): void; stop(): Promise<void> } | null = null
  private port = ''
  private status: EventContract['mrzReader:status'] = { port: '', connected: false, error: null }

  constructor(
    private readonly reads: MrzReaderService,
    private readonly events: EventBus,
    private readonly openReader: OpenSerialReader = (opts, ev) => new SerialMrzReader(opts, ev)
  ) {}

  /** Use the reader on `port` at `baudRate` (none when ''), closing the one before. */
  async use(port: string, baudRate: number): Promise<void> {
    await this.reader?.stop()
    this.reader = null
    this.port = port
    this.announce({ port, connected: false, error: null })
    if (!port) return
    this.reader = this.openReader(
      { path: port, baudRate },
      {
        read: (r) => {
          try {
            if ('error' in r) throw r.error
            this.events.emit('mrzReader:read', { port, result: this.reads.submit(r.text, 'serial'), error: null })
          } catch (err) {
            this.events.emit('mrzReader:read', { port, result: null, error: toErrorInfo(err) })
          }
        },
        status: (s) => this.announce({ port, connected: s.connected, error: s.error && s.error.toJSON() })
      }
    )
    this.reader.start()
  }

  /** Whether the chosen reader is connected now. */
  current(): EventContract['mrzReader:status'] {
    return this.status
  }

  async stop(): Promise<void> {
    await this.reader?.stop()
    this.reader = null
  }

  private announce(s: EventContract['mrzReader:status']): void {
    if (s.port !== this.port) return
    this.status = s
    this.events.emit('mrzReader:status', s)
  }
}

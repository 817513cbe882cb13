import type { ParsedRequestOf, ScannerInfo, ScanReport } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import type { DocumentsService } from '../services/documents-service'
import type { EventBus } from '../services/event-bus'
import type { Store } from '../store'
import { scanIntoStore } from './scan-import'
import type { ScanSource } from './scan-source'
import { listScanners, sourceFor } from './scan-sources'

/** The Scan button's side in main: devices, one scan at a time into the import path, cancel, the settings kept. */
export class ScanService {
  private running: AbortController | null = null

  constructor(
    private readonly sources: readonly ScanSource[],
    private readonly store: Store,
    private readonly documents: DocumentsService,
    private readonly events: EventBus
  ) {}

  /** What the sources find, then the addresses added by hand; a source that fails is left out (the rest still show). */
  async list(): Promise<ScannerInfo[]> {
    const { devices } = await listScanners(this.sources)
    const manual = this.store.settings
      .get()
      .scannerAddresses.map((url): ScannerInfo => ({ id: `escl:${url}`, name: url, source: 'escl' }))
      .filter((m) => !devices.some((d) => d.id === m.id))
    return [...devices, ...manual]
  }

  /** Scan; the device and its settings are remembered once the scan was started. */
  async start(r: ParsedRequestOf<'scan:start'>): Promise<ScanReport> {
    if (this.running) throw new AppError('CONFLICT', 'a scan is already running: wait for it or cancel it')
    const source = sourceFor(this.sources, r.deviceId)
    const saved = this.store.settings.update({ scanner: r.deviceId, scanResolution: r.resolution, scanMode: r.mode, scanInput: r.input })
    this.events.emit('settings:changed', saved)
    const abort = new AbortController()
    this.running = abort
    try {
      return await scanIntoStore(
        source,
        r.deviceId,
        { resolution: r.resolution, mode: r.mode, input: r.input, options: r.options },
        this.documents,
        { signal: abort.signal, onProgress: (p) => this.events.emit('scan:progress', { deviceId: r.deviceId, pages: p.pages }) }
      )
    } finally {
      this.running = null
    }
  }

  cancel(): { cancelled: boolean } {
    if (!this.running) return { cancelled: false }
    this.running.abort()
    return { cancelled: true }
  }
}

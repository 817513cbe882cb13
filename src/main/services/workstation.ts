import { dirname, join } from 'node:path'
import type { StoreIncident } from '../../shared/contract'
import { HotFolder } from '../ingest/hot-folder'
import { MrzReaderService } from '../mrz-reader/mrz-reader-service'
import { SerialReaderService } from '../mrz-reader/serial-service'
import type { OpenSerialReader } from '../mrz-reader/serial-service'
import { ScanService } from '../scan/scan-service'
import type { ScanSource } from '../scan/scan-source'
import { systemScanSources } from '../scan/scan-sources'
import type { HotFolderOptions } from '../ingest/hot-folder'
import type { Store } from '../store'
import { BackupService } from './backup-service'
import type { BackupOptions } from './backup-service'
import type { Handlers } from './dispatch'
import { DocumentsService } from './documents-service'
import { EventBus } from './event-bus'
import { ExportService } from './export-service'
import { RecognitionQueue } from './recognition-queue'
import type { QueueOptions, Recognizer } from './recognition-queue'
import { ReviewService } from './review-service'
import { StatisticsService } from './statistics-service'

/** The application behind the contract, independent of its transport (Electron IPC or HTTP). */
export interface Workstation {
  store: Store
  events: EventBus
  queue: RecognitionQueue
  documents: DocumentsService
  hotFolder: HotFolder
  handlers: Handlers
  /** Stop the queue and the hot folder and close the store (running work is requeued on the next open); the caller closes its recognizer. */
  close(): Promise<void>
}

/** Options of `createWorkstation`. */
export interface WorkstationOptions extends QueueOptions {
  hotFolder?: HotFolderOptions
  /** Where failures nobody awaits (the hot folder's imports, scheduled backups) are reported; defaults to stderr. */
  onBackgroundError?: (err: unknown) => void
  /** Backups; by default in `backups/` beside the database, the newest 7 kept, none scheduled. */
  backups?: Partial<BackupOptions>
  /** A damaged database found at open (openStoreRecovering), for the app to show with its backups. */
  incident?: StoreIncident | null
  /** Scanner drivers; by default this system's (eSCL, and SANE or WIA). */
  scanSources?: readonly ScanSource[]
  /** How the serial MRZ reader is opened; by default serialport's own. */
  openSerialReader?: OpenSerialReader
}

/** How many backups are kept unless told otherwise: a week of daily ones. */
export const DEFAULT_BACKUPS_KEPT = 7

/** Wire the services over an open store and a recognizer, and resume queued work. */
export function createWorkstation(store: Store, recognizer: Recognizer, opts: WorkstationOptions = {}): Workstation {
  const events = new EventBus()
  const queue = new RecognitionQueue(store, recognizer, events, opts)
  const documents = new DocumentsService(store, queue, events, recognizer)
  const review = new ReviewService(store, documents, events)
  const stats = new StatisticsService(store)
  const exports = new ExportService(store, stats)
  const onBackgroundError = opts.onBackgroundError ?? ((err: unknown): void => console.error('background:', err))
  const backups = new BackupService(
    store,
    queue,
    { dir: join(dirname(store.file), 'backups'), keep: DEFAULT_BACKUPS_KEPT, ...opts.backups },
    opts.incident ?? null
  )
  const scans = new ScanService(opts.scanSources ?? systemScanSources(), store, documents, events)
  const mrzReader = new MrzReaderService(store, events)
  const serialReader = new SerialReaderService(mrzReader, events, opts.openSerialReader)
  const hotFolder = new HotFolder((paths) => documents.importPaths(paths, 'hot-folder'), onBackgroundError, opts.hotFolder)
  const handlers: Handlers = {
    'documents:importFiles': (r) => documents.importDocuments(r.files, r.source),
    'documents:importPaths': (r) => documents.importPaths(r.paths),
    'documents:list': (r) => documents.list(r),
    'documents:get': (r) => documents.get(r.id),
    'documents:delete': (r) => documents.delete(r.id),
    'documents:attention': (r) => stats.attention(r.ids),
    'queue:getProgress': () => queue.progress(),
    'queue:cancel': (r) => ({ cancelled: queue.cancel(r.ids) }),
    'queue:retry': (r) => ({ requeued: queue.retry(r.ids) }),
    'review:saveField': (r) => review.saveField(r.id, r.key, r.value),
    'review:acceptCorrection': (r) => review.acceptCorrection(r.id, r.line, r.index, r.accepted),
    'review:approve': (r) => review.approve(r.id),
    'review:reject': (r) => review.reject(r.id, r.reason),
    'audit:list': (r) => store.audit.list(r),
    'audit:verify': () => {
      const v = store.verifyAudit()
      return v.ok ? { ok: true, events: v.events } : v
    },
    'store:getStatus': () => backups.status(),
    'backup:create': () => backups.create(),
    'backup:list': () => backups.list(),
    'backup:restore': (r) => backups.restore(r.name),
    'export:csv': (r) => exports.csv(r.ids),
    'export:json': (r) => exports.json(r.ids),
    'export:audit': (r) => exports.audit(r.part),
    'stats:operatorFigures': () => stats.operatorFigures(),
    'scan:listDevices': () => scans.list(),
    'scan:start': (r) => scans.start(r),
    'scan:cancel': () => scans.cancel(),
    'mrzReader:submit': (r) => mrzReader.submit(r.text, r.via),
    'mrzReader:getStatus': () => serialReader.current(),
    'settings:get': () => store.settings.get(),
    'settings:update': async (r) => {
      // Check the folder before saving it, so a typo is refused rather than stored.
      if (r.hotFolder !== undefined) await hotFolder.watch(r.hotFolder)
      const before = store.settings.get()
      const saved = store.settings.update(r)
      if (saved.mrzReaderPort !== before.mrzReaderPort || saved.mrzReaderBaud !== before.mrzReaderBaud)
        await serialReader.use(saved.mrzReaderPort, saved.mrzReaderBaud)
      events.emit('settings:changed', saved)
      return saved
    }
  }
  const offAudit = store.audit.onAppend((e) => events.emit('audit:appended', e))
  queue.start()
  backups.schedule(onBackgroundError)
  const saved = store.settings.get()
  if (saved.hotFolder) hotFolder.watch(saved.hotFolder).catch(onBackgroundError)
  if (saved.mrzReaderPort) serialReader.use(saved.mrzReaderPort, saved.mrzReaderBaud).catch(onBackgroundError)
  return {
    store,
    events,
    queue,
    documents,
    hotFolder,
    handlers,
    async close() {
      offAudit()
      backups.stop()
      queue.stop()
      await hotFolder.stop()
      await serialReader.stop()
      store.close()
    }
  }
}

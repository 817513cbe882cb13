/**
 * Every operation between the renderer and main, in one place. The preload, the IPC handlers, the HTTP server
 * and the browser-mode client are all derived from these maps, so a channel cannot exist in one and not the others.
 */
import { z } from 'zod'
import { FIELD_KEYS } from './domain/fields'
import type { ErrorInfo } from './domain/errors'
import { AUDIT_TYPES, DOCUMENT_STATUSES } from './domain/document'
import type { OperatorDayFigures } from './domain/operator-figures'
import type {
  AuditEvent,
  AuditType,
  DocumentDetail,
  DocumentStatus,
  DocumentSummary,
  QueueProgress,
  Settings,
  StatusCounts
} from './domain/document'

/** Every call answers with this envelope, so a failure's code and message survive IPC and HTTP alike. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** A channel: its request schema (checked at runtime in main) and its response type (checked at compile time). */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req
  /** Never set: carries the response type only. */
  response?: Res
}

function channel<Res>(): <Req extends z.ZodType>(request: Req) => ChannelSpec<Req, Res> {
  return (request) => ({ request })
}

const id = z.number().int().positive()
const ids = z.array(id).max(10_000)
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' })

/** What an import did with each file. */
export interface ImportReport {
  imported: DocumentSummary[]
  duplicates: { fileName: string; existingId: number }[]
  failed: { fileName: string; error: ErrorInfo }[]
}

/** One page of the queue list. */
export interface DocumentPage {
  items: DocumentSummary[]
  total: number
  counts: StatusCounts
}

/** An export's file, for the renderer to save (download in the browser, save dialog in Electron). */
export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
  count: number
}

/** A backup of the database (SQLite's online backup), checked when made. */
export interface BackupInfo {
  name: string
  file: string
  createdAt: string
  bytes: number
  /** Audit events it holds, when known (counted when it is made or checked). */
  events: number | null
}

/** A damaged database found at start: moved aside, an empty one started; the app offers a backup. */
export interface StoreIncident {
  code: 'STORE_CORRUPT'
  message: string
  movedTo: string
  at: string
}

/** What the app shows about its storage: a damage found at start, and the backups it can restore. */
export interface StoreStatus {
  incident: StoreIncident | null
  backups: BackupInfo[]
}

/** The audit chain's check: it holds, or the first broken event and what is wrong with it. */
export type AuditCheck = { ok: true; events: number } | { ok: false; events: number; eventId: number; problem: string }

/** A scanner the workstation can scan from (`escl:URL`, `sane:DEVICE`, `wia:ID`). */
export interface ScannerInfo {
  id: string
  name: string
  source: 'escl' | 'sane' | 'wia'
}

/** What a scan did: its pages' import report, and the scan's own failure (pages received before it are kept). */
export interface ScanReport extends ImportReport {
  scanError: ErrorInfo | null
}

/** What an MRZ reader's read did: a document made from it (or the same read already stored), or a page image checked against it. */
export interface MrzReadResult {
  outcome: 'created' | 'duplicate' | 'checked'
  id: number
  /** When checked: does the page's MRZ say what the reader read? */
  agrees: boolean | null
}

const exportScope = z.object({
  /** Export these documents; when absent, every approved document. */
  ids: ids.optional()
})

/** The invoke map: channel `area:verbNoun` → request schema + response type. */
export const invokeContract = {
  'documents:importFiles': channel<ImportReport>()(
    z.object({
      files: z
        .array(z.object({ fileName: z.string().min(1).max(260), bytes }))
        .min(1)
        .max(1000),
      /** The document camera's captures say so; anything else the operator picked or dropped is an import. */
      source: z.enum(['import', 'camera']).default('import')
    })
  ),
  'documents:importPaths': channel<ImportReport>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) })),
  'documents:list': channel<DocumentPage>()(
    z.object({
      status: z.enum(DOCUMENT_STATUSES).optional(),
      search: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0)
    })
  ),
  'documents:get': channel<DocumentDetail>()(z.object({ id })),
  'documents:delete': channel<{ deleted: number }>()(z.object({ id })),
  /** How many fields of each document the review screen would flag (null: not recognised yet), to sort by attention. */
  'documents:attention': channel<{ id: number; flagged: number | null }[]>()(z.object({ ids })),
  'queue:getProgress': channel<QueueProgress>()(z.object({})),
  'queue:cancel': channel<{ cancelled: number }>()(z.object({ ids: ids.optional() })),
  'queue:retry': channel<{ requeued: number }>()(z.object({ ids: ids.optional() })),
  'review:saveField': channel<DocumentDetail>()(z.object({ id, key: z.enum(FIELD_KEYS), value: z.string().max(200) })),
  /** Keep (or stop keeping) one of the engine's MRZ corrections: `index` is its place among its line's corrections. */
  'review:acceptCorrection': channel<DocumentDetail>()(
    z.object({ id, line: z.enum(['mrzLine1', 'mrzLine2']), index: z.number().int().min(0).max(87), accepted: z.boolean() })
  ),
  'review:approve': channel<DocumentDetail>()(z.object({ id })),
  'review:reject': channel<DocumentDetail>()(z.object({ id, reason: z.string().trim().min(1).max(500) })),
  'audit:list': channel<AuditEvent[]>()(
    z.object({
      documentId: id.optional(),
      type: z.enum(AUDIT_TYPES).optional(),
      operator: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(5000).default(500)
    })
  ),
  'audit:verify': channel<AuditCheck>()(z.object({})),
  'store:getStatus': channel<StoreStatus>()(z.object({})),
  'backup:create': channel<BackupInfo>()(z.object({})),
  'backup:list': channel<BackupInfo[]>()(z.object({})),
  'backup:restore': channel<{ restoredFrom: string; movedAside: string }>()(z.object({ name: z.string().min(1).max(200) })),
  'export:csv': channel<ExportFile>()(exportScope),
  'export:json': channel<ExportFile>()(exportScope),
  /** The audit as CSV: every event, or the operator figures per operator and day. */
  'export:audit': channel<ExportFile>()(z.object({ part: z.enum(['events', 'figures']) })),
  /** Documents decided, fields corrected and time per document, per operator and day, from the audit history. */
  'stats:operatorFigures': channel<OperatorDayFigures[]>()(z.object({})),
  /** Scanners found (DNS-SD, SANE, WIA) and the eSCL addresses the operator added (settings.scannerAddresses). */
  'scan:listDevices': channel<ScannerInfo[]>()(z.object({})),
  /** Scan from one device into the import path (one page from the glass, every page from the feeder). */
  'scan:start': channel<ScanReport>()(
    z.object({
      deviceId: z.string().min(1).max(2048),
      resolution: z.number().int().min(50).max(1200).default(300),
      mode: z.enum(['color', 'gray']).default('color'),
      input: z.enum(['flatbed', 'feeder']).default('flatbed'),
      /** Passed to the device as they are (SANE's option names, e.g. pnm's `filename`). */
      options: z
        .record(
          z
            .string()
            .regex(/^[A-Za-z][\w-]*$/)
            .max(64),
          z.string().max(4096)
        )
        .default({})
    })
  ),
  'scan:cancel': channel<{ cancelled: boolean }>()(z.object({})),
  /** An MRZ read by a reader (keyboard wedge, the MRZ box, a serial reader): its lines, as typed or sent. */
  /** The serial MRZ reader's connection now. */
  'mrzReader:getStatus': channel<EventContract['mrzReader:status']>()(z.object({})),
  'mrzReader:submit': channel<MrzReadResult>()(z.object({ text: z.string().min(1).max(1000), via: z.enum(['keyboard', 'box', 'serial']) })),
  'settings:get': channel<Settings>()(z.object({})),
  'settings:update': channel<Settings>()(
    z.object({
      operatorName: z.string().trim().max(100).optional(),
      hotFolder: z.string().max(4096).optional(),
      language: z.enum(['zh-CN', 'en']).optional(),
      scanner: z.string().max(2048).optional(),
      scannerAddresses: z.array(z.string().url().max(2048)).max(50).optional(),
      scanResolution: z.number().int().min(50).max(1200).optional(),
      scanMode: z.enum(['color', 'gray']).optional(),
      scanInput: z.enum(['flatbed', 'feeder']).optional(),
      mrzReaderPort: z.string().trim().max(260).optional(),
      mrzReaderBaud: z.number().int().min(300).max(921_600).optional()
    })
  )
} as const

export type InvokeContract = typeof invokeContract
export type InvokeChannel = keyof InvokeContract
/** What a caller passes (defaults may be left out). */
export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>
/** What a handler receives, after validation and defaults. */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>
export type ResponseOf<C extends InvokeChannel> = NonNullable<InvokeContract[C]['response']>

/** Every invoke channel, for allow-lists (the preload, the HTTP router). */
export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]

/** The event map: what main pushes to the renderer. */
export interface EventContract {
  'queue:progress': QueueProgress
  'documents:changed': { id: number; status: DocumentStatus | 'deleted' }
  'audit:appended': { id: number; documentId: number | null; type: AuditType }
  /** Saved settings: every window follows (language, operator), and so does the desktop app's menu. */
  'settings:changed': Settings
  /** A scan under way: pages received so far. */
  'scan:progress': { deviceId: string; pages: number }
  /** A serial MRZ reader's read: what it did, or why it must be swiped again. */
  'mrzReader:read': { port: string; result: MrzReadResult | null; error: ErrorInfo | null }
  /** The serial MRZ reader's connection (settings.mrzReaderPort). */
  'mrzReader:status': { port: string; connected: boolean; error: ErrorInfo | null }
}
export type EventChannel = keyof EventContract

export const EVENT_CHANNELS: readonly EventChannel[] = [
  'queue:progress',
  'documents:changed',
  'audit:appended',
  'settings:changed',
  'scan:progress',
  'mrzReader:read',
  'mrzReader:status'
]

/** The one IPC channel on which main sends every event to the preload, as `(name, payload)`. */
export const EVENT_IPC_CHANNEL = 'contract:event'

/** A channel name from outside (IPC, a URL) narrowed to a known one. */
export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name)
}

/** The renderer's view of main: one method per channel plus event subscription. Implemented by the preload and by the HTTP client. */
export type Api = {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void
  /** Where the renderer loads a document's page image from (a privileged scheme in Electron, a plain URL over HTTP). */
  imageUrl(id: number): string
}

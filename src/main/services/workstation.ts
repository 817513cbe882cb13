import type { Store } from '../store'
import type { Handlers } from './dispatch'
import { DocumentsService } from './documents-service'
import { EventBus } from './event-bus'
import { ExportService } from './export-service'
import { RecognitionQueue } from './recognition-queue'
import type { QueueOptions, Recognizer } from './recognition-queue'
import { ReviewService } from './review-service'

/** The application behind the contract, independent of its transport (Electron IPC or HTTP). */
export interface Workstation {
  store: Store
  events: EventBus
  queue: RecognitionQueue
  documents: DocumentsService
  handlers: Handlers
  /** Stop the queue and close the store (running work is requeued on the next open); the caller closes its recognizer. */
  close(): void
}

/** Wire the services over an open store and a recognizer, and resume queued work. */
export function createWorkstation(store: Store, recognizer: Recognizer, opts: QueueOptions = {}): Workstation {
  const events = new EventBus()
  const queue = new RecognitionQueue(store, recognizer, events, opts)
  const documents = new DocumentsService(store, queue, events)
  const review = new ReviewService(store, documents, events)
  const exports = new ExportService(store)
  const handlers: Handlers = {
    'documents:importFiles': (r) => documents.importFiles(r.files),
    'documents:importPaths': (r) => documents.importPaths(r.paths),
    'documents:list': (r) => documents.list(r),
    'documents:get': (r) => documents.get(r.id),
    'documents:delete': (r) => documents.delete(r.id),
    'queue:getProgress': () => queue.progress(),
    'queue:cancel': (r) => ({ cancelled: queue.cancel(r.ids) }),
    'queue:retry': (r) => ({ requeued: queue.retry(r.ids) }),
    'review:saveField': (r) => review.saveField(r.id, r.key, r.value),
    'review:approve': (r) => review.approve(r.id),
    'review:reject': (r) => review.reject(r.id, r.reason),
    'audit:list': (r) => store.audit.list(r),
    'export:csv': (r) => exports.csv(r.ids),
    'export:json': (r) => exports.json(r.ids),
    'settings:get': () => store.settings.get(),
    'settings:update': (r) => store.settings.update(r)
  }
  queue.start()
  return {
    store,
    events,
    queue,
    documents,
    handlers,
    close() {
      queue.stop()
      store.close()
    }
  }
}

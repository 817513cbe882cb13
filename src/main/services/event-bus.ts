import { EventEmitter } from 'node:events'
import type { EventChannel, EventContract } from '../../shared/contract'

/** Main's side of the event map: services emit, the IPC and HTTP transports forward to their clients. */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // One listener per open window or SSE client; many browser tabs are legitimate.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventChannel>(event: E, payload: EventContract[E]): void {
    this.emitter.emit(event, payload)
  }

  /** Subscribe; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void {
    this.emitter.on(event, listener)
    return () => this.emitter.off(event, listener)
  }
}

import { cloudConfig } from './cloud-config'

/** Hands back an admission slot; safe to call more than once. */
export type Release = () => void

/**
 * The bounded queue of the cloud action: at most `limit` requests are admitted at once (uploading, waiting for the
 * engine or being recognised), and fewer when the engine is slow, so that an admitted request is likely answered
 * within its time limit; the rest are refused at once with 503, never buffered. A slot is held until the engine is
 * done with the image, even when the caller already got a timeout, so the pool's backlog stays bounded too.
 */
export class Admission {
  private admitted = 0
  private imageMs: number = cloudConfig.initialImageMs
  private lastDone = 0

  constructor(
    readonly limit: number = cloudConfig.maxQueue,
    readonly timeLimitMs: number = cloudConfig.requestTimeoutMs
  ) {}

  /** A slot, or null when full. */
  tryAcquire(): Release | null {
    // A clean 503 now beats a 504 after a minute: refuse what would likely wait past the time limit (one always runs).
    const expectedMs = (this.admitted + 1) * this.imageMs
    if (this.admitted >= this.limit || (this.admitted > 0 && expectedMs > this.timeLimitMs * cloudConfig.admissionWaitBudget)) return null
    this.admitted++
    let released = false
    return () => {
      if (released) return
      released = true
      this.admitted--
    }
  }

  /** Requests currently admitted. */
  get inFlight(): number {
    return this.admitted
  }

  /**
   * A recognition finished. While others are still admitted, the time since the previous finish is how often the
   * engine frees a slot (its throughput, whatever the number of workers), which is what a refused client waits for.
   */
  recognized(now: number = Date.now()): void {
    if (this.lastDone > 0 && this.admitted > 1) {
      // Moving average: follows a change of image sizes within a few requests, ignores one slow outlier.
      this.imageMs = 0.8 * this.imageMs + 0.2 * (now - this.lastDone)
    }
    this.lastDone = now
  }

  /** Seconds for Retry-After: about when the next slot is likely free. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.imageMs / 1000))
  }
}

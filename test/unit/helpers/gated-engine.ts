import type { PassportResponse } from '../../../src/shared/domain/response'
import type { PageImage } from '../../../src/main/ingest/pages/file-pages'
import type { Recognizer } from '../../../src/main/services/recognition-queue'

/**
 * The real engine behind a gate that the test opens. Only for what needs control over time: a recognition that is
 * provably still running (the cloud action's admission limit and time limit), and counting calls that must not
 * happen. Everything else talks to the engine directly.
 */
export class GatedEngine implements Recognizer {
  calls = 0
  private gate: Promise<void> = Promise.resolve()
  private open: () => void = () => undefined
  private readonly running = new Set<Promise<unknown>>()

  constructor(private readonly engine: Recognizer) {}

  /** Hold every recognition that starts from now on until `release`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve))
  }

  release(): void {
    this.open()
  }

  /** Resolves once every recognition started so far has finished (whatever its outcome). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running])
  }

  recognize(bytes: Uint8Array, options: { outputFigure?: boolean }): Promise<PassportResponse> {
    this.calls++
    const work = this.gate.then(() => this.engine.recognize(bytes, options))
    this.running.add(work)
    void work.catch(() => undefined).finally(() => this.running.delete(work))
    return work
  }

  /** Not gated: only recognitions are held and counted. */
  splitPages(bytes: Uint8Array, opts?: { firstOnly?: boolean }): Promise<PageImage[]> {
    return this.engine.splitPages(bytes, opts)
  }
}

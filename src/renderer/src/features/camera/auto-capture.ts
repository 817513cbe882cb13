import type { Quad } from '../../../../shared/domain/geometry'
import { cameraConfig } from './camera-config'
import { fingerprint, fingerprintDiff, frameMetrics } from './frame-metrics'
import type { FrameMetrics, GrayFrame } from './frame-metrics'
import { findPage } from './page-outline'

/** Why a frame was not taken, or that it should be: shown to the operator as it happens. */
export type CaptureVerdict = 'no-page' | 'moving' | 'glare' | 'blurred' | 'steadying' | 'cooldown' | 'same-page' | 'capture'

/**
 * Auto-capture over the stream of analysis frames: a whole page in view (its outline found), steady for a few
 * frames, sharp and without glare is taken once; then nothing for a cooldown, and never the same page again where
 * it lay (the operator turns the page or puts the next passport down).
 */
export class AutoCapture {
  private previous: GrayFrame | null = null
  private steady = 0
  private lastCaptureAt = -Infinity
  private lastCaptured: Uint8Array | null = null

  /**
   * Look at the next frame (`now` in milliseconds); answers the verdict, the metrics it was based on, and the page's
   * outline on the frame (null when no whole page is in view).
   */
  step(frame: GrayFrame, now: number): { verdict: CaptureVerdict; metrics: FrameMetrics; page: Quad | null } {
    const metrics = frameMetrics(frame, this.previous)
    this.previous = frame
    const page = metrics.contrast < cameraConfig.minContrast ? null : findPage(frame)
    const verdict = page ? this.judge(frame, metrics, now) : 'no-page'
    // Only an unfit frame starts the count again: after a take the page is still steady (and in its cooldown).
    if (verdict === 'no-page' || verdict === 'moving' || verdict === 'glare' || verdict === 'blurred') this.steady = 0
    return { verdict, metrics, page }
  }

  /** The operator's own capture (the key or the button) counts too: no automatic second take of that page. */
  captured(frame: GrayFrame, now: number): void {
    this.lastCaptureAt = now
    this.lastCaptured = fingerprint(frame)
  }

  private judge(frame: GrayFrame, m: FrameMetrics, now: number): CaptureVerdict {
    const c = cameraConfig
    if (m.motion > c.maxMotion) return 'moving'
    if (m.glare > c.maxGlare) return 'glare'
    if (m.sharpness < c.minSharpness) return 'blurred'
    this.steady++
    if (this.steady < c.steadyFrames) return 'steadying'
    if (now - this.lastCaptureAt < c.cooldownMs) return 'cooldown'
    if (this.lastCaptured && fingerprintDiff(fingerprint(frame), this.lastCaptured) < c.samePageDiff) return 'same-page'
    this.captured(frame, now)
    return 'capture'
  }
}

import { cloudConfig } from './cloud-config'
import type { Refusal } from './signature-refusal'

/**
 * Refuses a signed request whose `x-acs-date` is too far from our clock or whose nonce was already seen: a captured
 * request cannot be sent again (the SDK makes a fresh nonce for every call, retries included).
 */
export class ReplayGuard {
  // Insertion order is time order, so the oldest entries are always first.
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly maxSkewMs: number = cloudConfig.signature.maxSkewMs,
    private readonly maxNonces: number = cloudConfig.signature.maxNonces,
    private readonly now: () => number = Date.now
  ) {}

  /** Accept (and remember) this date and nonce, or return why not. */
  check(date: string | undefined, nonce: string | undefined): Refusal | null {
    const t = Date.parse(date ?? '')
    const now = this.now()
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date ?? '') || Number.isNaN(t))
      return { code: 'InvalidTimeStamp.Format', reason: 'x-acs-date is missing or malformed' }
    if (Math.abs(now - t) > this.maxSkewMs) return { code: 'InvalidTimeStamp.Expired', reason: 'x-acs-date is too far from the server clock' }
    if (!nonce) return { code: 'MissingSignatureNonce', reason: 'x-acs-signature-nonce is missing' }
    this.forgetBefore(now - this.maxSkewMs)
    if (this.seen.has(nonce)) return { code: 'SignatureNonceUsed', reason: 'x-acs-signature-nonce was already used' }
    // A full cache refuses rather than forgets early, which would reopen the replay window.
    if (this.seen.size >= this.maxNonces) return { code: 'Throttling.User', reason: 'too many signed requests in the replay window' }
    this.seen.set(nonce, now)
    return null
  }

  private forgetBefore(limit: number): void {
    for (const [nonce, at] of this.seen) {
      if (at >= limit) break
      this.seen.delete(nonce)
    }
  }
}

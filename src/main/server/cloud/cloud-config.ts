/** Limits of the cloud-compatible RecognizeChinesePassport action, in one place. */
export const cloudConfig = {
  action: 'RecognizeChinesePassport',
  version: '2021-07-07',
  /** The cloud's own limit on the image body. */
  maxBodyBytes: 10 * 1024 * 1024,
  url: {
    /** The cloud's own limit on the `Url` parameter. */
    maxLength: 2048,
    /** Enough for a CDN's http → https → signed-URL hops; more is a loop or a trap. */
    maxRedirects: 5,
    /** A download slower than this ties up an admission slot for nothing. */
    timeoutMs: 15_000
  },
  /** Requests admitted at once (reading, waiting or running): 16 clients fit, memory stays bounded (10 MB each). */
  maxQueue: 32,
  /** Per request, from arrival to answer: a queue of 32 at ~1 s per image on a small PC fits. */
  requestTimeoutMs: 60_000,
  signature: {
    /** Clock skew accepted on `x-acs-date`, as the cloud does; also how long nonces are remembered. */
    maxSkewMs: 15 * 60_000,
    /** Bound on remembered nonces, so a flood cannot grow memory without end. */
    maxNonces: 100_000
  },
  /** Share of the time limit an admitted request may expect to wait and run; the rest absorbs a slower image. */
  admissionWaitBudget: 0.75,
  /** Starting estimate of one image's time, for Retry-After before anything was measured. */
  initialImageMs: 1_000
} as const

/** Every time limit and retry bound of the scanner drivers, with why. */
export const scanConfig = {
  escl: {
    /** A device that answers nothing for this long to a plain request is unreachable. */
    requestTimeoutMs: 10_000,
    /** NextDocument may take as long as the scan itself: real devices take 25 s for a 600 dpi page. */
    nextDocumentTimeoutMs: 120_000,
    /** Redirects followed (a 301 to https is common; more than this is a loop). */
    maxRedirects: 3,
    /** 503s tolerated while the device says it is busy, and the wait between tries. */
    busyRetries: 5,
    busyRetryDelayMs: 2_000,
    /** A page larger than this is not a scanned passport page: the engine refuses over 10 MB anyway. */
    maxPageBytes: 64 * 1024 * 1024,
    /** DNS-SD waits this long for answers; an empty network is the usual case and must not hold the list up. */
    discoveryMs: 1_500
  },
  sane: {
    /** `scanimage -f` probes every backend (network ones included). */
    listTimeoutMs: 30_000,
    /** One scan of a page (feeder batches get this per page). */
    scanTimeoutMs: 180_000
  },
  wia: {
    listTimeoutMs: 30_000,
    scanTimeoutMs: 180_000
  }
} as const

/** The MRZ readers' settings in one place. */
export const mrzReaderConfig = {
  /**
   * valueProb of a field read from a reader's MRZ: its characters are exact (no OCR), but nobody has compared them
   * with the passport, so every one is flagged MRZ_ONLY whatever this says. A check digit vouches for some.
   */
  checkedProb: 95,
  uncheckedProb: 90,
  /** The file name an MRZ-only document is listed under (its sha256 is the digest of its lines). */
  fileName: 'MRZ reader',
  /** A serial reader that went away is looked for again this often. */
  reconnectMs: 2000,
  /** Most serial MRZ readers talk at 9600 baud unless set otherwise. */
  baudRate: 9600
} as const

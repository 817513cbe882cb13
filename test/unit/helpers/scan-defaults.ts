/** The scanner settings a store holds before any scan: 300 dpi colour from the glass, no device remembered. */
export const SCAN_DEFAULTS = {
  scanner: '',
  scannerAddresses: [],
  scanResolution: 300,
  scanMode: 'color',
  scanInput: 'flatbed'
} as const

/** The serial MRZ reader's settings before any is chosen: no port, 9600 baud. */
export const MRZ_READER_DEFAULTS = { mrzReaderPort: '', mrzReaderBaud: 9600 } as const

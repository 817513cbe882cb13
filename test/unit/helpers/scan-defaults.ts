/** The scanner settings a store holds before any scan: 300 dpi colour from the glass, no device remembered. */
export const SCAN_DEFAULTS = {
  scanner: '',
  scannerAddresses: [],
  scanResolution: 300,
  scanMode: 'color',
  scanInput: 'flatbed'
} as const

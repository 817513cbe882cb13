import { AppError } from '../../../shared/domain/errors'

// scanimage exits with the SANE_Status that stopped it (sane/sane.h): 0 good, 1 unsupported, 2 cancelled,
// 3 device busy, 4 invalid, 5 EOF, 6 jammed, 7 no documents, 8 cover open, 9 I/O error, 10 no memory, 11 access denied.
const BY_STATUS: Record<number, [AppError['code'], string]> = {
  2: ['CANCELLED', 'the scan was cancelled'],
  3: ['SCANNER_BUSY', 'the scanner is busy: try again when it is free'],
  4: ['INVALID_REQUEST', 'the scanner refused a setting'],
  6: ['SCANNER_JAMMED', 'paper is jammed in the document feeder: clear it and scan again'],
  7: ['SCANNER_NO_DOCUMENT', 'there is no page in the document feeder: load the pages and scan again'],
  8: ['SCANNER_COVER_OPEN', "the scanner's cover is open: close it and scan again"],
  9: ['SCANNER_UNREACHABLE', 'the scanner stopped answering (I/O error)'],
  11: ['SCANNER_REFUSED', 'the scanner refused access']
}

/** The error a scanimage exit means; `stderr`'s last line is kept as the detail the driver gave. */
export function saneExitError(code: number | null, signal: NodeJS.Signals | null, stderr: string): AppError {
  const detail = stderr.trim().split('\n').filter((l) => l.startsWith('scanimage:')).pop() ?? ''
  if (signal) return new AppError('SCANNER_FAILED', `scanimage ended by ${signal}: nothing of this scan was kept`)
  const known = code === null ? undefined : BY_STATUS[code]
  if (known) return new AppError(known[0], detail ? `${known[1]} (${detail})` : known[1])
  return new AppError('SCANNER_FAILED', `scanimage failed with status ${code}${detail ? `: ${detail}` : ''}`)
}

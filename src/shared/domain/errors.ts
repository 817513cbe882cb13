/** Stable error codes, shared by the CLI, IPC and HTTP. */
export const ERROR_CODES = [
  'FILE_NOT_FOUND',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_SMALL',
  'IMAGE_TOO_LARGE',
  'FILE_ENCRYPTED',
  'NO_PAGES',
  'NO_PASSPORT_FOUND',
  'MODEL_MISSING',
  'MODEL_CORRUPT',
  'USAGE',
  'INVALID_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'TIMEOUT',
  'BUSY',
  'UNAUTHORIZED',
  'DISK_FULL',
  'ENGINE_CRASHED',
  'STORE_CORRUPT',
  'STORE_IN_USE',
  'STORE_KEY_WRONG',
  'STORE_KEY_MISSING',
  'STORE_KEY_INVALID',
  'AUDIT_BROKEN',
  'AUDIT_KEY_INVALID',
  'AUDIT_KEY_MISSING',
  'SCANNER_BUSY',
  'SCANNER_JAMMED',
  'SCANNER_COVER_OPEN',
  'SCANNER_NO_DOCUMENT',
  'SCANNER_UNREACHABLE',
  'SCANNER_NOT_FOUND',
  'SCANNER_REFUSED',
  'SCANNER_FAILED',
  'CAMERA_NOT_FOUND',
  'CAMERA_DENIED',
  'CAMERA_BUSY',
  'MRZ_READ_INCOMPLETE',
  'MRZ_READ_GARBLED',
  'MRZ_CHECK_FAILED',
  'MRZ_NOT_PASSPORT',
  'MRZ_READER_UNREACHABLE',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The serialisable form of an error: what crosses IPC, HTTP and the CLI's output. */
export interface ErrorInfo {
  code: ErrorCode
  message: string
}

/** The one error type of the product: a stable code plus a human message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message }
  }
}

/** Any thrown value as an ErrorInfo; unknown failures become INTERNAL without losing their message. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toJSON()
  if (isErrorInfo(err)) return { code: err.code, message: err.message }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message }
}

function isErrorInfo(v: unknown): v is ErrorInfo {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorInfo).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as ErrorInfo).code) &&
    typeof (v as ErrorInfo).message === 'string'
  )
}

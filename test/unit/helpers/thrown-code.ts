import { AppError } from '../../../src/shared/domain/errors'

/** What `f` throws, as `CODE: message` for an AppError; 'no error' when it returns. */
export function thrownCode(f: () => unknown): string {
  try {
    f()
    return 'no error'
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e)
  }
}

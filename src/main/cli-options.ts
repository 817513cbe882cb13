import { AppError } from '../shared/domain/errors'

/** The value after the option at `argv[i]`; a missing one, or another option in its place, is a usage error. */
export function valueAfter(argv: readonly string[], i: number): string {
  const v = argv[i + 1]
  if (v === undefined || v.startsWith('--')) throw new AppError('USAGE', `${argv[i]} needs a value`)
  return v
}

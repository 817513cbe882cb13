import type { DocumentFamily } from '../../src/shared/domain/families'
import { DOCUMENT_FAMILIES } from '../../src/shared/domain/families'

/** A numeric `--name value` option of a measuring script, or `def` when it is not given. */
export function numberOption(args: readonly string[], name: string, def: number): number {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : def
}

/** A string `--name value` option, or null when it is not given. */
export function stringOption(args: readonly string[], name: string): string | null {
  const i = args.indexOf(name)
  if (i < 0) return null
  const v = args[i + 1]
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`)
  return v
}

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  perVariation: number
  seed: number
  baseline: boolean
  /** Also run a subset under other conditions (half size, on an A4 scan, grey, a poor JPEG). */
  conditions: boolean
  verbose: boolean
  /** The families to generate, in this order. */
  families: DocumentFamily[]
  /** A folder of real specimen images with truth.json, or null. */
  real: string | null
}

/** Parse the bench's command line; unknown family names are a usage error, not silently dropped. */
export function benchOptions(args: readonly string[]): BenchOptions {
  const perVariation = numberOption(args, '--per-variation', 6)
  const seed = numberOption(args, '--seed', 20261125)
  if (!Number.isInteger(perVariation) || perVariation < 1) throw new Error('--per-variation must be a positive integer')
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer')
  const list = stringOption(args, '--families')
  const families =
    list === null
      ? [...DOCUMENT_FAMILIES]
      : list
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f)
          .map(toFamily)
  if (families.length === 0) throw new Error('--families needs at least one family')
  return {
    perVariation,
    seed,
    baseline: !args.includes('--no-baseline'),
    conditions: !args.includes('--no-conditions'),
    verbose: args.includes('--verbose'),
    families: [...new Set(families)],
    real: stringOption(args, '--real')
  }
}

function toFamily(name: string): DocumentFamily {
  const f = DOCUMENT_FAMILIES.find((x) => x === name)
  if (!f) throw new Error(`unknown family ${name} (one of ${DOCUMENT_FAMILIES.join(', ')})`)
  return f
}

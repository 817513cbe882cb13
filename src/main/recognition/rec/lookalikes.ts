import table from './unwritable-lookalikes.json'

const standIns = table.lookalikes as Readonly<Record<string, string>>

/** The recognition model (short sha256, as `algo_version` gives it) the look-alikes were drawn from. */
export const LOOKALIKES_MODEL: string = table.rec

/**
 * The characters outside the recogniser's dictionary that it writes as `written` (璋 for 瑋, 章 for 韋), drawn from
 * Big5 in three Traditional fonts by scripts/unwritable-lookalikes.ts; empty for most characters.
 */
export function standsFor(written: string): string[] {
  return [...(standIns[written] ?? '')]
}

import { existsSync, renameSync } from 'node:fs'

/** The files SQLite keeps beside a database, which belong with it wherever it goes. */
export const COMPANIONS = ['-wal', '-shm']

/**
 * Move a database and its companions (WAL, shared memory, and `extra` files named `<file><suffix>` such as the audit
 * checkpoint) aside under `<file>.<label>-<time>`,
 * renamed, never copied or overwritten, so that whoever examines the damage finds the bytes as they were.
 * Returns the new name of the database file.
 */
export function moveAside(file: string, label: string, extra: readonly string[] = []): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  let target = `${file}.${label}-${stamp}`
  for (let n = 2; [target, ...COMPANIONS.map((c) => target + c)].some(existsSync); n++) target = `${file}.${label}-${stamp}-${n}`
  if (existsSync(file)) renameSync(file, target)
  for (const c of COMPANIONS) if (existsSync(file + c)) renameSync(file + c, target + c)
  for (const x of extra) if (existsSync(x)) renameSync(x, `${target}${x.slice(file.length)}`)
  return target
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'

/** A store on a fresh temporary file, with a clock that ticks one second per call so ordering is visible. */
export interface TempStore {
  store: Store
  file: string
  reopen(): Store
  cleanup(): void
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'prw-store-'))
  const file = join(dir, 'workstation.sqlite')
  let tick = Date.UTC(2025, 0, 1)
  const now = (): string => new Date((tick += 1000)).toISOString()
  const t: TempStore = {
    store: openStore(file, { now }),
    file,
    reopen() {
      t.store.close()
      t.store = openStore(file, { now })
      return t.store
    },
    cleanup() {
      t.store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return t
}

import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Where `npm run rebuild:electron` puts better-sqlite3 built for Electron's ABI (development only; installers rebuild it). */
export const ELECTRON_SQLITE_RELATIVE = join('native', 'electron', 'better_sqlite3.node')

/**
 * The Electron-ABI better-sqlite3 binary for `npm start`, if it was built; undefined means "use node_modules' build",
 * which is right in an installer (electron-builder rebuilt it) and fails clearly in development if not rebuilt.
 */
export function findElectronSqliteBinding(appPath: string): string | undefined {
  const candidate = join(appPath, ELECTRON_SQLITE_RELATIVE)
  return existsSync(candidate) ? candidate : undefined
}

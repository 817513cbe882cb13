import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Where `npm run rebuild:electron` puts better-sqlite3 built for Electron's ABI, and where the installer ships it. */
export const ELECTRON_SQLITE_RELATIVE = join('native', 'electron', 'better_sqlite3.node')

/**
 * The Electron-ABI better-sqlite3 binary if present (packaged: in resources/, development: in the project);
 * undefined means "use the Node build", which only works if it happens to match Electron's ABI.
 */
export function findElectronSqliteBinding(appPath: string, resourcesPath: string): string | undefined {
  return [join(resourcesPath, ELECTRON_SQLITE_RELATIVE), join(appPath, ELECTRON_SQLITE_RELATIVE)].find((p) => existsSync(p))
}

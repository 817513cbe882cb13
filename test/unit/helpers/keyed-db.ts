import type { Database as Db } from 'better-sqlite3'
import { openExisting } from '../../../src/main/store/db'
import { defaultDatabaseKeyFile } from '../../../src/main/store/encryption'
import { keyFileSource } from '../../../src/main/store/key-source'

/** A raw connection to an encrypted store file, keyed with the `database.key` beside it (no migration, no pragmas). */
export function keyedDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  const source = keyFileSource(defaultDatabaseKeyFile(file), 'database')
  const bytes = source.load()
  if (!bytes) throw new Error(`no database key beside ${file}`)
  return openExisting(file, { bytes, description: source.description }, opts)
}

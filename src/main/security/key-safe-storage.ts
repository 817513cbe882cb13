import { existsSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { invalidKey, KEY_BYTES, parseKey, writeSecretFile } from '../store/key-source'
import type { KeyKind, KeySource } from '../store/key-source'

/** The part of Electron's safeStorage this needs (a type of our own, so that this module runs without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

/**
 * The desktop app's keys (audit and database): each kept in a 0600 file encrypted by the OS keychain through
 * safeStorage, so that a copy of the profile folder alone can neither read the database nor recompute the chain.
 * A thin layer over the key-file source's rules; it needs Electron, so no test here runs it against the real keychain.
 */
export function safeStorageKeySource(safe: SafeStorageLike, file: string, kind: KeyKind): KeySource {
  const available = (): void => {
    if (!safe.isEncryptionAvailable()) throw invalidKey(kind, 'cannot be protected: the OS keychain is not available')
    // Linux without a keyring falls back to a fixed password: the key is then only as safe as a plain 0600 file.
    if (safe.getSelectedStorageBackend?.() === 'basic_text')
      console.warn(`${kind} key: no OS keyring; safeStorage uses its basic text store`)
  }
  return {
    description: `safeStorage file ${file}`,
    load() {
      if (!existsSync(file)) return null
      available()
      return parseKey(safe.decryptString(readFileSync(file)), file, kind)
    },
    create() {
      available()
      const key = randomBytes(KEY_BYTES)
      writeSecretFile(file, safe.encryptString(key.toString('hex')))
      return key
    }
  }
}

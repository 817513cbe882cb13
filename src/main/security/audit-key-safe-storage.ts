import { existsSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { AppError } from '../../shared/domain/errors'
import { AUDIT_KEY_BYTES, parseKey, writeSecretFile } from '../store/audit-key'
import type { AuditKeySource } from '../store/audit-key'

/** The part of Electron's safeStorage this needs (a type of our own, so that this module runs without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

/**
 * The desktop app's audit key: kept in a 0600 file encrypted by the OS keychain through safeStorage, so that a copy
 * of the profile folder alone cannot recompute the chain. A thin layer over the key-file source's rules.
 */
export function safeStorageKeySource(safe: SafeStorageLike, file: string): AuditKeySource {
  const available = (): void => {
    if (!safe.isEncryptionAvailable()) throw new AppError('AUDIT_KEY_INVALID', 'the OS keychain is not available to protect the audit key')
    // Linux without a keyring falls back to a fixed password: the key is then only as safe as a plain 0600 file.
    if (safe.getSelectedStorageBackend?.() === 'basic_text') console.warn('audit key: no OS keyring; safeStorage uses its basic text store')
  }
  return {
    description: `safeStorage file ${file}`,
    load() {
      if (!existsSync(file)) return null
      available()
      return parseKey(safe.decryptString(readFileSync(file)), file)
    },
    create() {
      available()
      const key = randomBytes(AUDIT_KEY_BYTES)
      writeSecretFile(file, safe.encryptString(key.toString('hex')))
      return key
    }
  }
}

import type { Database as Db } from 'better-sqlite3'
import type { Settings } from '../../shared/domain/document'

// 300 dpi colour from the glass: what a passport data page needs (DEFAULT_SCAN_SETTINGS).
const DEFAULTS: Settings = {
  operatorName: '',
  hotFolder: '',
  language: 'zh-CN',
  scanner: '',
  scannerAddresses: [],
  scanResolution: 300,
  scanMode: 'color',
  scanInput: 'flatbed',
  mrzReaderPort: '',
  mrzReaderBaud: 9600
}

/** Operator preferences as key/value rows, so adding a setting needs no migration. */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
    const stored = Object.fromEntries(
      rows.filter((r) => Object.hasOwn(DEFAULTS, r.key)).map((r) => [r.key, JSON.parse(r.value) as unknown])
    )
    return { ...DEFAULTS, ...stored } as Settings
  }

  update(patch: Partial<Settings>): Settings {
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value))
    })()
    return this.get()
  }
}

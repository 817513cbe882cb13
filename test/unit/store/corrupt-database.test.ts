import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, openStoreRecovering } from '../../../src/main/store'
import { checkpointFileOf } from '../../../src/main/store/audit-checkpoint'
import { keyCheckFileOf } from '../../../src/main/store/encryption'
import { keyedDatabase } from '../helpers/keyed-db'

let dir: string
let master: string
let btreePages: number[]
const PAGE = 4096

function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}

/** One way of damaging the master copy, by kind, each drawn from its own seed. */
type Damage = { kind: string; apply(file: string, rand: () => number): void }

const pick = <T>(xs: readonly T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)]
const junk = (n: number, rand: () => number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)))

function patch(file: string, offset: number, bytes: Buffer): void {
  const b = readFileSync(file)
  bytes.copy(b, offset)
  writeFileSync(file, b)
}

const DAMAGES: [count: number, Damage][] = [
  [
    17,
    {
      kind: 'header bytes',
      apply(file, rand) {
        // The header fields SQLite relies on: the magic string, page size, payload fractions, page count.
        const field = pick(
          [
            [0, 16],
            [16, 2],
            [21, 3],
            [28, 4]
          ] as const,
          rand
        )
        const b = readFileSync(file)
        const bytes = junk(field[1], rand)
        if (bytes.equals(b.subarray(field[0], field[0] + field[1]))) bytes[0] ^= 0xff
        if (field[0] === 28) bytes.writeUInt32BE(b.readUInt32BE(28) + 1 + Math.floor(rand() * 1000))
        patch(file, field[0], bytes)
      }
    }
  ],
  [
    25,
    {
      kind: 'b-tree page',
      apply(file, rand) {
        // A table or index page's header: an invalid page type and scrambled cell counts and pointers.
        const page = pick(btreePages, rand)
        const bytes = junk(12, rand)
        bytes[0] = pick([0, 1, 3, 7, 0xff], rand)
        patch(file, (page - 1) * PAGE, bytes)
      }
    }
  ],
  [
    20,
    {
      kind: 'truncation',
      apply(file, rand) {
        const size = statSync(file).size
        truncateSync(file, 1 + Math.floor(rand() * (size - 2)))
      }
    }
  ],
  [5, { kind: 'zero length', apply: (file) => truncateSync(file, 0) }],
  [
    13,
    {
      kind: 'non-SQLite file',
      apply(file, rand) {
        const contents = [
          junk(1 + Math.floor(rand() * 20000), rand),
          Buffer.from('name,passport\n张三,E00000000\n'),
          Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), junk(500, rand)]),
          Buffer.from('{"not": "a database"}'),
          Buffer.from('SQLite format 2\0' + 'x'.repeat(200))
        ]
        writeFileSync(file, pick(contents, rand))
      }
    }
  ],
  [20, { kind: 'garbage WAL', apply: (file, rand) => writeFileSync(`${file}-wal`, junk(32 + Math.floor(rand() * 40000), rand)) }]
]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prw-corrupt-'))
  master = join(dir, 'master', 'workstation.sqlite')
  mkdirSync(join(dir, 'master'))
  const store = openStore(master)
  const rand = seeded(1)
  for (let i = 0; i < 40; i++) {
    store.transaction(() => {
      const bytes = junk(2000 + Math.floor(rand() * 9000), rand)
      const { id } = store.documents.insert({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        fileName: `p${i}.jpg`,
        bytes,
        source: 'import'
      })
      store.audit.append({ documentId: id, type: 'imported', operator: 'system', detail: { fileName: `p${i}.jpg` } })
    })
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  btreePages = (
    store.db.prepare("SELECT pageno FROM dbstat WHERE pagetype IN ('internal', 'leaf') AND pageno > 1").all() as { pageno: number }[]
  ).map((r) => r.pageno)
  store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('100 damaged copies of a database', () => {
  it('are each detected at open with a clear message, moved aside byte for byte, and replaced by an empty store', () => {
    expect(btreePages.length).toBeGreaterThan(3)
    const kinds: Record<string, number> = {}
    let n = 0
    for (const [count, damage] of DAMAGES)
      for (let k = 0; k < count; k++, n++) {
        const copyDir = join(dir, `copy-${n}`)
        mkdirSync(copyDir)
        const file = join(copyDir, 'workstation.sqlite')
        copyFileSync(master, file)
        copyFileSync(join(dir, 'master', 'audit.key'), join(copyDir, 'audit.key'))
        copyFileSync(join(dir, 'master', 'database.key'), join(copyDir, 'database.key'))
        copyFileSync(checkpointFileOf(master), checkpointFileOf(file))
        copyFileSync(keyCheckFileOf(master), keyCheckFileOf(file))
        damage.apply(file, seeded(100 + n))
        const damaged = readFileSync(file)
        const damagedWal = existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : null
        const label = `copy ${n} (${damage.kind})`

        // Plain open: refused with a stable code, the file left exactly as it was.
        expect(() => openStore(file), label).toThrow(
          expect.objectContaining({ code: 'STORE_CORRUPT', message: expect.stringContaining(file) })
        )
        expect(readFileSync(file).equals(damaged), label).toBe(true)

        const { store, incident } = openStoreRecovering(file)
        expect(incident, label).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(/is damaged: .* moved aside/) })
        expect(readFileSync(incident!.movedTo).equals(damaged), label).toBe(true)
        if (damagedWal) expect(readFileSync(`${incident!.movedTo}-wal`).equals(damagedWal), label).toBe(true)
        expect(existsSync(checkpointFileOf(incident!.movedTo)), label).toBe(true)
        expect(store.documents.counts().queued, label).toBe(0)
        expect(store.verifyAudit(), label).toMatchObject({ ok: true, events: 0 })
        store.close()
        kinds[damage.kind] = (kinds[damage.kind] ?? 0) + 1
      }
    expect(n).toBe(100)
    expect(Object.values(kinds).reduce((a, b) => a + b)).toBe(100)
  })

  it('while an intact copy opens with every document', () => {
    const copyDir = join(dir, 'intact')
    mkdirSync(copyDir)
    const file = join(copyDir, 'workstation.sqlite')
    copyFileSync(master, file)
    copyFileSync(join(dir, 'master', 'audit.key'), join(copyDir, 'audit.key'))
    copyFileSync(join(dir, 'master', 'database.key'), join(copyDir, 'database.key'))
    copyFileSync(checkpointFileOf(master), checkpointFileOf(file))
    copyFileSync(keyCheckFileOf(master), keyCheckFileOf(file))
    const { store, incident } = openStoreRecovering(file)
    expect(incident).toBeNull()
    expect(store.documents.counts().queued).toBe(40)
    expect(store.verifyAudit()).toMatchObject({ ok: true, events: 40 })
    store.close()
    expect(keyedDatabase(file).pragma('integrity_check', { simple: true })).toBe('ok')
  })
})

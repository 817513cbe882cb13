import { createHash, createHmac } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { checkpointFileOf } from '../../../src/main/store/audit-checkpoint'
import { migrate, readMigrations } from '../../../src/main/store/db'
import type { NewAuditEvent } from '../../../src/main/store/audit-repository'
import { keyedDatabase } from '../helpers/keyed-db'

const EVENTS = 1000
let dir: string
let master: string
let halfway: string

/** Event `i` of the test log: every kind, with and without personal values (id % 4 === 0 is a field edit). */
function eventFor(i: number, rand: () => number): NewAuditEvent {
  const documentId = 1 + Math.floor(i / 8)
  switch (i % 4) {
    case 1:
      return { documentId, type: 'imported', operator: 'system', detail: { fileName: `scan-${i}.jpg`, sha256: 'ab'.repeat(32) } }
    case 2:
      return { documentId, type: 'approved', operator: '李雷' }
    case 3:
      return { documentId, type: 'rejected', operator: 'wang', reason: `blurred ${Math.floor(rand() * 100)}` }
    default:
      return { documentId, type: 'field_edited', operator: '李雷', field: 'passportNumber', oldValue: `E${i}`, newValue: `EA${i}` }
  }
}

function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}

/** A copy of the master log (database and checkpoint) to tamper with, and a raw connection without the triggers. */
function tamperCopy(name: string, from = master): { file: string; raw: Db } {
  const file = join(dir, `${name}.sqlite`)
  copyFileSync(from, file)
  copyFileSync(checkpointFileOf(master), checkpointFileOf(file))
  const raw = keyedDatabase(file)
  raw.pragma('foreign_keys = OFF')
  raw.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_personal_no_update')
  return { file, raw }
}

function verdictOf(file: string): ReturnType<Store['verifyAudit']> {
  // Every copy lives in the master's folder, so it is opened with the master's key file.
  const store = openStore(file)
  try {
    return store.verifyAudit()
  } finally {
    store.close()
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prw-audit-'))
  master = join(dir, 'master.sqlite')
  halfway = join(dir, 'halfway.sqlite')
  const store = openStore(master)
  const rand = seeded(7)
  for (let batch = 0; batch < EVENTS / 100; batch++) {
    store.transaction(() => {
      for (let i = batch * 100 + 1; i <= batch * 100 + 100; i++) store.audit.append(eventFor(i, rand))
    })
    if (batch === 4) {
      // The whole file as it was at event 500, for the roll-back case.
      store.db.pragma('wal_checkpoint(TRUNCATE)')
      copyFileSync(master, halfway)
    }
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the audit chain on a 1,000-event log', () => {
  it('holds when nothing was changed', () => {
    expect(verdictOf(master)).toMatchObject({ ok: true, events: EVENTS, head: { eventId: EVENTS } })
  })

  const EDITS: [column: string, sql: string][] = [
    ['id', 'UPDATE audit_events SET id = 100500 WHERE id = 500'],
    ['document_id', 'UPDATE audit_events SET document_id = 999 WHERE id = 500'],
    ['type', "UPDATE audit_events SET type = 'approved' WHERE id = 500"],
    ['field', "UPDATE audit_events SET field = 'name' WHERE id = 500"],
    ['operator', "UPDATE audit_events SET operator = 'mallory' WHERE id = 500"],
    ['at', "UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE id = 500"],
    ['erases', 'UPDATE audit_events SET erases = 63 WHERE id = 500'],
    ['personal_digest', 'UPDATE audit_events SET personal_digest = randomblob(32) WHERE id = 500'],
    ['mac', 'UPDATE audit_events SET mac = randomblob(32) WHERE id = 500'],
    ['mac (removed)', 'UPDATE audit_events SET mac = NULL WHERE id = 500'],
    ['audit_personal.salt', 'UPDATE audit_personal SET salt = randomblob(16) WHERE event_id = 500'],
    ['audit_personal.old_value', "UPDATE audit_personal SET old_value = 'E0000000' WHERE event_id = 500"],
    ['audit_personal.new_value', "UPDATE audit_personal SET new_value = 'E0000000' WHERE event_id = 500"],
    ['audit_personal.reason', "UPDATE audit_personal SET reason = 'fine' WHERE event_id = 499"],
    ['audit_personal.detail', `UPDATE audit_personal SET detail = '{"fileName":"other.jpg"}' WHERE event_id = 497`]
  ]
  for (const [column, sql] of EDITS)
    it(`catches an edit of ${column} at the event edited`, () => {
      const { file, raw } = tamperCopy(`edit-${column.replace(/\W/g, '_')}`)
      expect(raw.prepare(sql).run().changes).toBe(1)
      raw.close()
      const v = verdictOf(file)
      const expected = /reason|detail/.exec(column) ? Number(/event_id = (\d+)/.exec(sql)?.[1]) : 500
      expect(v).toMatchObject({ ok: false, eventId: expected })
    })

  it('catches a row deleted from the middle, naming it', () => {
    const { file, raw } = tamperCopy('delete-middle')
    raw.exec('DELETE FROM audit_personal WHERE event_id = 500; DELETE FROM audit_events WHERE id = 500')
    raw.close()
    expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 500, problem: expect.stringMatching(/event 500 is missing/) })
  })

  it('catches personal values deleted without an erasure event, and accepts a real erasure', () => {
    const { file, raw } = tamperCopy('erase-unrecorded')
    raw.exec('DELETE FROM audit_personal WHERE event_id = 500')
    raw.close()
    expect(verdictOf(file)).toMatchObject({
      ok: false,
      eventId: 500,
      problem: expect.stringMatching(/no later event records their erasure/)
    })

    const real = join(dir, 'erase-recorded.sqlite')
    copyFileSync(master, real)
    copyFileSync(checkpointFileOf(master), checkpointFileOf(real))
    const store = openStore(real)
    store.transaction(() => {
      store.audit.erase(63)
      store.audit.append({ documentId: 63, type: 'deleted', operator: '李雷', erases: 63 })
    })
    expect(store.audit.list({ documentId: 63, limit: 20 }).filter((e) => e.redacted)).toHaveLength(6)
    expect(store.verifyAudit()).toMatchObject({ ok: true, events: EVENTS + 1 })
    store.close()
  })

  it('reports a missing checkpoint rather than trusting the file alone, and never re-seals an event whose MAC was removed', () => {
    const gone = tamperCopy('no-checkpoint')
    gone.raw.close()
    rmSync(checkpointFileOf(gone.file))
    expect(verdictOf(gone.file)).toMatchObject({ ok: false, eventId: 1000, problem: expect.stringMatching(/checkpoint .* is missing/) })

    const { file, raw } = tamperCopy('unsealed-edit')
    raw.exec("UPDATE audit_events SET operator = 'mallory', mac = NULL WHERE id = 1000")
    raw.close()
    rmSync(checkpointFileOf(file))
    expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 1000, problem: expect.stringMatching(/no MAC/) })
  })

  it('catches a truncated tail through the checkpoint outside the file', () => {
    const { file, raw } = tamperCopy('truncate')
    raw.exec('DELETE FROM audit_personal WHERE event_id > 990; DELETE FROM audit_events WHERE id > 990')
    raw.close()
    expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 991, problem: expect.stringMatching(/tail was deleted/) })
  })

  it('catches two events swapped', () => {
    const { file, raw } = tamperCopy('reorder')
    const cols = 'document_id, type, field, operator, at, erases, personal_digest, mac'
    raw.exec(`CREATE TEMP TABLE a AS SELECT ${cols} FROM audit_events WHERE id = 301; CREATE TEMP TABLE b AS SELECT ${cols} FROM audit_events WHERE id = 302;
      DELETE FROM audit_events WHERE id IN (301, 302);
      INSERT INTO audit_events (id, ${cols}) SELECT 301, * FROM b; INSERT INTO audit_events (id, ${cols}) SELECT 302, * FROM a`)
    raw.close()
    expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 301 })
  })

  it('catches an event inserted in the middle (the ones after it renumbered) and one added at the end', () => {
    const middle = tamperCopy('insert-middle')
    middle.raw.exec(`UPDATE audit_personal SET event_id = event_id + 100000 WHERE event_id > 700;
      UPDATE audit_events SET id = id + 100000 WHERE id > 700; UPDATE audit_events SET id = id - 99999 WHERE id > 100000;
      UPDATE audit_personal SET event_id = event_id - 99999 WHERE event_id > 100000;
      INSERT INTO audit_events (id, document_id, type, operator, at, mac) SELECT 701, 88, 'approved', 'mallory', at, mac FROM audit_events WHERE id = 700`)
    middle.raw.close()
    expect(verdictOf(middle.file)).toMatchObject({ ok: false, eventId: 701 })

    const end = tamperCopy('insert-end')
    end.raw.exec(
      `INSERT INTO audit_events (id, document_id, type, operator, at, mac) VALUES (1001, 1, 'approved', 'mallory', 'x', randomblob(32))`
    )
    end.raw.close()
    expect(verdictOf(end.file)).toMatchObject({ ok: false, eventId: 1001 })
  })

  it('catches a log re-chained with plain hashes, or with another key, after an edit', () => {
    for (const [name, mac] of [
      ['plain', (prev: Buffer, body: string): Buffer => createHash('sha256').update(prev).update(body).digest()],
      ['other-key', (prev: Buffer, body: string): Buffer => createHmac('sha256', Buffer.alloc(32, 1)).update(prev).update(body).digest()]
    ] as const) {
      const { file, raw } = tamperCopy(`rechain-${name}`)
      raw.exec("UPDATE audit_events SET operator = 'mallory' WHERE id = 500")
      const rows = raw.prepare('SELECT * FROM audit_events ORDER BY id').all() as Record<string, unknown>[]
      let prev: Buffer = Buffer.alloc(32)
      const set = raw.prepare('UPDATE audit_events SET mac = ? WHERE id = ?')
      for (const r of rows) {
        const digest = r.personal_digest as Buffer | null
        prev = mac(
          prev,
          JSON.stringify([r.id, r.document_id, r.type, r.field, r.operator, r.at, r.erases, digest ? digest.toString('hex') : null])
        )
        set.run(prev, r.id)
      }
      raw.close()
      expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 1 })
    }
  })

  it('catches the whole file put back from an older copy', () => {
    const file = join(dir, 'rolled-back.sqlite')
    copyFileSync(halfway, file)
    copyFileSync(checkpointFileOf(master), checkpointFileOf(file))
    expect(verdictOf(file)).toMatchObject({ ok: false, eventId: 501, problem: expect.stringMatching(/older copy/) })
  })

  it('catches a copy of another log under this checkpoint, and a forged checkpoint', () => {
    const other = join(dir, 'other.sqlite')
    const store = openStore(other)
    for (let i = 1; i <= EVENTS; i++) store.audit.append(eventFor(i, seeded(8)))
    store.close()
    copyFileSync(checkpointFileOf(master), checkpointFileOf(other))
    expect(verdictOf(other)).toMatchObject({ ok: false, eventId: 1000, problem: expect.stringMatching(/replaced by another copy/) })

    const forged = tamperCopy('forged-checkpoint')
    forged.raw.close()
    const head = JSON.parse(readFileSync(checkpointFileOf(forged.file), 'utf8')) as { eventId: number }
    head.eventId = 900
    writeFileSync(checkpointFileOf(forged.file), JSON.stringify(head))
    expect(() => verdictOf(forged.file)).toThrow(/checkpoint .* is damaged or was not written with this key/)
  })
})

describe('no false alarm', () => {
  it('on 100 clean logs of every shape (sizes, erasures, reopenings)', () => {
    for (let n = 0; n < 100; n++) {
      const rand = seeded(1000 + n)
      const file = join(dir, `clean-${n}.sqlite`)
      let store = openStore(file)
      const count = 1 + Math.floor(rand() * 60)
      for (let i = 1; i <= count; i++) {
        if (rand() < 0.05) {
          store.close()
          store = openStore(file)
        }
        const e = eventFor(i, rand)
        if (rand() < 0.1 && e.documentId !== null) {
          const doc = e.documentId
          store.transaction(() => {
            store.audit.erase(doc)
            store.audit.append({ documentId: doc, type: 'deleted', operator: 'li', erases: doc })
          })
        } else store.audit.append(e)
      }
      const v = store.verifyAudit()
      store.close()
      expect(v, `log ${n}`).toMatchObject({ ok: true })
    }
  })
})

describe('a log from before the chain', () => {
  it('is moved to the chained schema and sealed at the first open, values intact', () => {
    const file = join(dir, 'legacy.sqlite')
    const legacy = new Database(file)
    const [first] = readMigrations(fileURLToPath(new URL('../../../src/main/store/migrations', import.meta.url)))
    migrate(legacy, [first])
    const insert = legacy.prepare(
      'INSERT INTO audit_events (document_id, type, field, old_value, new_value, operator, at) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    insert.run(1, 'imported', null, null, null, 'system', '2025-01-01T00:00:00.000Z')
    insert.run(1, 'field_edited', 'name', '张三', '张四', '李雷', '2025-01-01T00:00:01.000Z')
    legacy.close()
    const store = openStore(file)
    expect(store.verifyAudit()).toMatchObject({ ok: true, events: 2 })
    expect(store.audit.list({ limit: 5 })[0]).toMatchObject({ id: 2, oldValue: '张三', newValue: '张四', redacted: false })
    store.close()
  })
})

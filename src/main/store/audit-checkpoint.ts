import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { AppError } from '../../shared/domain/errors'
import { headSeal, sameMac } from './audit-chain'
import type { ChainHead } from './audit-chain'

/**
 * The chain's head, kept outside the database and sealed with the audit key: a log whose tail was deleted, or a
 * whole file put back from an older copy, no longer reaches the head recorded here. Written after each commit that
 * appended events, so it may trail the database by the last commit (a crash in between), never lead it.
 */
export interface AuditCheckpoint {
  read(): ChainHead | null
  write(head: ChainHead): void
  readonly file: string
}

/** The checkpoint file that goes with a database file. */
export const checkpointFileOf = (dbFile: string): string => `${dbFile}.audit-head`

/** A checkpoint file: JSON `{eventId, mac, seal}`, replaced atomically (temporary file, fsync, rename). */
export function fileCheckpoint(file: string, key: Buffer): AuditCheckpoint {
  return {
    file,
    read() {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
      const parsed = parseCheckpoint(text)
      if (!parsed || !sameMac(headSeal(key, parsed), parsed.seal))
        throw new AppError('AUDIT_BROKEN', `the audit checkpoint ${file} is damaged or was not written with this key`)
      return { eventId: parsed.eventId, mac: parsed.mac }
    },
    write(head) {
      const tmp = `${file}.${process.pid}.tmp`
      try {
        const fd = openSync(tmp, 'w', 0o600)
        try {
          writeSync(
            fd,
            JSON.stringify({ eventId: head.eventId, mac: head.mac.toString('hex'), seal: headSeal(key, head).toString('hex') }) + '\n'
          )
          fsyncSync(fd)
        } finally {
          closeSync(fd)
        }
        renameSync(tmp, file)
      } catch (err) {
        // A full disk: the old checkpoint stays (it trails, which the verifier allows); no half-written file is left.
        rmSync(tmp, { force: true })
        throw err
      }
    }
  }
}

function parseCheckpoint(text: string): (ChainHead & { seal: Buffer }) | null {
  try {
    const v = JSON.parse(text) as { eventId?: unknown; mac?: unknown; seal?: unknown }
    if (!Number.isInteger(v.eventId) || typeof v.mac !== 'string' || typeof v.seal !== 'string') return null
    return { eventId: v.eventId as number, mac: Buffer.from(v.mac, 'hex'), seal: Buffer.from(v.seal, 'hex') }
  } catch {
    return null
  }
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** The columns of an audit event that its MAC covers: everything but the personal values themselves. */
export interface ChainedEvent {
  id: number
  documentId: number | null
  type: string
  field: string | null
  operator: string
  at: string
  erases: number | null
  personalDigest: Buffer | null
}

/** An event's personal values, kept apart from the chain so that erasing them leaves it whole. */
export interface PersonalValues {
  oldValue: string | null
  newValue: string | null
  reason: string | null
  detail: string | null
}

/** What an audit checkpoint records: the last event the chain had when it was written. */
export interface ChainHead {
  eventId: number
  mac: Buffer
}

/** The MAC the first event is chained to. */
export const GENESIS_MAC = Buffer.alloc(32)

/** The salted digest the chain covers in place of the values: without the salt, a guess cannot be tested against it. */
export function personalDigest(salt: Buffer, v: PersonalValues): Buffer {
  return createHash('sha256')
    .update(salt)
    .update(JSON.stringify([v.oldValue, v.newValue, v.reason, v.detail]))
    .digest()
}

/**
 * HMAC-SHA256 over the previous event's MAC and this event's columns. The id is covered, so an event moved,
 * removed or inserted breaks the MAC of the next one; JSON of a fixed-order array keeps the encoding unambiguous.
 */
export function eventMac(key: Buffer, previous: Buffer, e: ChainedEvent): Buffer {
  return createHmac('sha256', key)
    .update(previous)
    .update(
      JSON.stringify([
        e.id,
        e.documentId,
        e.type,
        e.field,
        e.operator,
        e.at,
        e.erases,
        e.personalDigest ? e.personalDigest.toString('hex') : null
      ])
    )
    .digest()
}

/** The seal of a checkpoint: only the key's holder can write one for a head that never was (a truncated log's). */
export function headSeal(key: Buffer, head: ChainHead): Buffer {
  return createHmac('sha256', key).update(`checkpoint\n${head.eventId}\n`).update(head.mac).digest()
}

/** Constant-time comparison of two MACs or digests (a missing one never matches). */
export function sameMac(a: Buffer | null, b: Buffer | null): boolean {
  return a !== null && b !== null && a.length === b.length && timingSafeEqual(a, b)
}

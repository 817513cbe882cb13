/**
 * The framings serial MRZ readers send a read in, decoded from bytes as they arrive (a frame may come in pieces):
 * - 3M/Thales style: SOH, a header, STX, the lines separated by CR, ETX, then a block check character, the XOR of
 *   every byte after SOH up to and including ETX. A frame whose BCC differs is damaged and reported, not read.
 * - Plain lines ending CR, LF or CR LF: consecutive lines of one MRZ length (44, 36 or 30) make a zone once there
 *   are as many as the format has (2, 2 or 3).
 * Bytes outside a frame that make no MRZ line (a device's greeting, noise on the line) are skipped.
 */

import { AppError } from '../../shared/domain/errors'
import { MRZ_SHAPES } from '../../shared/domain/mrz-zone'

const SOH = 0x01
const STX = 0x02
const ETX = 0x03
/** A frame longer than this is no MRZ (3 × 30 or 2 × 44 with their separators and a header): the decoder resyncs. */
const MAX_FRAME = 256

/** One decoded read: its text (lines separated by '\n'), or what was wrong with it. */
export type SerialRead = { text: string } | { error: AppError }

export class FrameDecoder {
  private frame: number[] | null = null
  private awaitingBcc = false
  private line: number[] = []
  private lines: string[] = []

  /** Feed bytes as they arrive; returns the reads they complete, in order. */
  push(chunk: Uint8Array): SerialRead[] {
    const out: SerialRead[] = []
    for (const byte of chunk) {
      if (this.awaitingBcc) {
        out.push(this.endFrame(byte))
      } else if (this.frame) {
        if (byte === SOH || this.frame.length >= MAX_FRAME) this.frame = byte === SOH ? [] : null
        else {
          this.frame.push(byte)
          if (byte === ETX) this.awaitingBcc = true
        }
      } else if (byte === SOH) {
        this.frame = []
        this.line = []
      } else if (byte === 0x0d || byte === 0x0a) {
        const read = this.endLine()
        if (read) out.push(read)
      } else if (this.line.length < MAX_FRAME) this.line.push(byte)
    }
    return out
  }

  private endFrame(bcc: number): SerialRead {
    const bytes = this.frame ?? []
    this.frame = null
    this.awaitingBcc = false
    const xor = bytes.reduce((a, b) => a ^ b, 0)
    if (xor !== bcc)
      return {
        error: new AppError(
          'MRZ_READ_INCOMPLETE',
          `the reader's frame arrived damaged (BCC ${hex(bcc)}, expected ${hex(xor)}): swipe again`
        )
      }
    const stx = bytes.indexOf(STX)
    const body = Buffer.from(bytes.slice(stx + 1, -1)).toString('latin1')
    return {
      text: body
        .split(/\r\n|\r|\n/)
        .filter((l) => l !== '')
        .join('\n')
    }
  }

  /** A plain line ended: part of a zone, a zone completed, or noise. */
  private endLine(): SerialRead | null {
    const text = Buffer.from(this.line).toString('latin1').trim()
    this.line = []
    if (text === '') return null
    const shape = MRZ_SHAPES.find((s) => s.length === text.length)
    if (!shape || (this.lines.length > 0 && this.lines[0].length !== text.length)) {
      // A zone cut short by something else: the read was incomplete; anything else is noise.
      const cut = this.lines.length > 0
      this.lines = shape ? [text] : []
      return cut ? { error: new AppError('MRZ_READ_INCOMPLETE', 'the reader sent part of a zone only: swipe again') } : null
    }
    this.lines.push(text)
    if (this.lines.length < shape.lines) return null
    const read = { text: this.lines.join('\n') }
    this.lines = []
    return read
  }
}

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`

import { describe, expect, it } from 'vitest'
import { FrameDecoder } from '../../../src/main/mrz-reader/serial-frames'
import type { SerialRead } from '../../../src/main/mrz-reader/serial-frames'
import { frame, LINES } from './serial-device'

const texts = (reads: SerialRead[]): string[] => reads.map((r) => ('text' in r ? r.text : `${r.error.code}: ${r.error.message}`))

describe('FrameDecoder', () => {
  it('reads a 3M/Thales-style frame (SOH header STX lines CR ETX BCC), whole or a byte at a time', () => {
    const bytes = frame(LINES)
    expect(texts(new FrameDecoder().push(bytes))).toEqual([LINES.join('\n')])
    const d = new FrameDecoder()
    const reads = [...bytes].flatMap((b) => d.push(Uint8Array.of(b)))
    expect(texts(reads)).toEqual([LINES.join('\n')])
  })

  it('reports a frame whose BCC does not hold, and reads the next', () => {
    const bad = frame(LINES)
    bad[bad.length - 1] ^= 0x20
    const reads = new FrameDecoder().push(Buffer.concat([bad, frame(LINES)]))
    expect(texts(reads)).toEqual([
      expect.stringMatching(/^MRZ_READ_INCOMPLETE: the reader's frame arrived damaged \(BCC 0x.., expected 0x..\)/),
      LINES.join('\n')
    ])
  })

  it('skips noise between frames and a frame restarted by a new SOH', () => {
    const noise = Buffer.from('\x00\xffREADY\r\n#12\r\n', 'latin1')
    const cut = frame(LINES).subarray(0, 30)
    const reads = new FrameDecoder().push(Buffer.concat([noise, cut, frame(LINES), noise, frame(LINES)]))
    expect(texts(reads)).toEqual([LINES.join('\n'), LINES.join('\n')])
  })

  it('reads plain lines ending CR, LF or CR LF, and reports a zone cut short', () => {
    expect(texts(new FrameDecoder().push(Buffer.from(`${LINES[0]}\r${LINES[1]}\r`)))).toEqual([LINES.join('\n')])
    expect(texts(new FrameDecoder().push(Buffer.from(`${LINES[0]}\n${LINES[1]}\n`)))).toEqual([LINES.join('\n')])
    const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']
    expect(texts(new FrameDecoder().push(Buffer.from(`OK\r\n${td1.join('\r\n')}\r\n`)))).toEqual([td1.join('\n')])
    expect(texts(new FrameDecoder().push(Buffer.from(`${LINES[0]}\r\nnoise\r\n${LINES[0]}\r\n${LINES[1]}\r\n`)))).toEqual([
      'MRZ_READ_INCOMPLETE: the reader sent part of a zone only: swipe again',
      LINES.join('\n')
    ])
  })
})

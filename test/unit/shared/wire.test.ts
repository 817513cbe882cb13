import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64, fromWire, toWire } from '../../../src/shared/wire'

describe('wire codec', () => {
  it('encodes base64 exactly as Node does, for every padding case', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255)
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
      expect([...decodeBase64(encodeBase64(bytes))]).toEqual([...bytes])
    }
  })

  it('round-trips bytes nested in a request', () => {
    const value = { files: [{ fileName: '护照.png', bytes: new Uint8Array([0, 1, 254, 255]) }] }
    const back = fromWire(toWire(value)) as typeof value
    expect(back.files[0].fileName).toBe('护照.png')
    expect(back.files[0].bytes).toBeInstanceOf(Uint8Array)
    expect([...back.files[0].bytes]).toEqual([0, 1, 254, 255])
  })

  it('rejects malformed base64', () => {
    expect(() => decodeBase64('ab$d')).toThrow(/invalid base64/)
  })
})

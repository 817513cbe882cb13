/**
 * JSON for the HTTP transport, with bytes: IPC carries Uint8Array natively (structured clone), JSON does not,
 * so both ends of the HTTP transport encode them as `{ "$bytes": "<base64>" }`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]))

/** Standard base64 with padding; pure so that it runs in the renderer and in Node alike. */
export function encodeBase64(bytes: Uint8Array): string {
  const out: string[] = []
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const left = bytes.length - i
    out.push(
      ALPHABET[(n >> 18) & 63],
      ALPHABET[(n >> 12) & 63],
      left > 1 ? ALPHABET[(n >> 6) & 63] : '=',
      left > 2 ? ALPHABET[n & 63] : '='
    )
  }
  return out.join('')
}

/** The inverse of encodeBase64; throws on characters outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  const s = text.replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((s.length * 3) / 4))
  let o = 0
  for (let i = 0; i < s.length; i += 4) {
    let n = 0
    for (let j = 0; j < 4; j++) {
      const c = s[i + j]
      const v = c === undefined ? 0 : INDEX.get(c)
      if (v === undefined) throw new Error('invalid base64')
      n = (n << 6) | v
    }
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
    for (let k = 0; k < 3 && o < out.length; k++) out[o++] = bytes[k]
  }
  return out
}

const isBytesObject = (v: unknown): v is { $bytes: string } =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 1 && typeof (v as { $bytes?: unknown }).$bytes === 'string'

/** Serialise for the HTTP transport. */
export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: encodeBase64(v) } : v))
}

/** Parse what toWire wrote. */
export function fromWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (isBytesObject(v) ? decodeBase64(v.$bytes) : v))
}

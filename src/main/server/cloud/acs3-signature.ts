import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Refusal } from './signature-refusal'

/** The signature algorithm the vendor's SDK uses by default (`@alicloud/openapi-core`, `signatureAlgorithm`). */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256'

/** Headers a valid request must have signed: without them a signature could be replayed on another request. */
const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']

/** The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` header. */
export interface Acs3Authorization {
  accessKeyId: string
  signedHeaders: string[]
  signature: string
}

/** What the canonical request is built from. */
export interface SignedRequest {
  method: string
  pathname: string
  /** Decoded query parameters. */
  query: URLSearchParams
  /** Every value of each header (node's `headersDistinct`), so that repeated headers sign as the SDK joins them. */
  headers: Record<string, string[] | undefined>
  /** Hex SHA-256 of the body, as sent in `x-acs-content-sha256`. */
  payloadHash: string
}

/** Parse the Authorization header; null when it is not an ACS3-HMAC-SHA256 one. */
export function parseAuthorization(header: string | undefined): Acs3Authorization | null {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(header ?? '')
  if (!m) return null
  return { accessKeyId: m[1], signedHeaders: m[2].split(';'), signature: m[3] }
}

/** The SDK's `encode` (openapi-core utils): encodeURIComponent plus the RFC 3986 reserved `!'()*`. */
function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

/** Canonical query string as `getAuthorizationQueryString` builds it: keys sorted, values encoded. */
function canonicalQuery(query: URLSearchParams): string {
  return [...query.keys()]
    .filter((k, i, all) => all.indexOf(k) === i)
    .sort()
    .map((k) => `${k}=${percentEncode(query.get(k) ?? '')}`)
    .join('&')
}

/** Canonical headers as `getAuthorizationHeaders` builds them: `name:v1,v2\n`, values trimmed and sorted. */
function canonicalHeaders(headers: SignedRequest['headers'], names: readonly string[]): string {
  return names
    .map((name) => {
      const values = (headers[name] ?? ['']).map((v) => v.trim()).sort()
      return `${name}:${values.join(',')}\n`
    })
    .join('')
}

/** The canonical request of openapi-core's `getAuthorization`, for the headers the client says it signed. */
export function canonicalRequest(r: SignedRequest, signedHeaders: readonly string[]): string {
  const uri = r.pathname.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~')
  return [r.method, uri, canonicalQuery(r.query), canonicalHeaders(r.headers, signedHeaders), signedHeaders.join(';'), r.payloadHash].join(
    '\n'
  )
}

/** The hex signature of a canonical request with a secret. */
export function signCanonical(canonical: string, secret: string): string {
  const stringToSign = `${ACS3_ALGORITHM}\n${createHash('sha256').update(canonical).digest('hex')}`
  return createHmac('sha256', secret).update(stringToSign).digest('hex')
}

/** Does the request carry a valid signature by this key pair? Header checks only: the caller checks the body's hash. */
export function verifySignature(
  r: SignedRequest,
  auth: Acs3Authorization,
  keys: { accessKeyId: string; accessKeySecret: string }
): boolean {
  return signatureRefusal(r, auth, keys) === null
}

/** Why the request's signature is not a valid one by this key pair (the cloud's code and our reason), or null. */
export function signatureRefusal(
  r: SignedRequest,
  auth: Acs3Authorization,
  keys: { accessKeyId: string; accessKeySecret: string }
): Refusal | null {
  const sorted = [...auth.signedHeaders].sort()
  // The SDK signs host, content-type and every x-acs-* header, sorted; anything else was not made by it.
  const wellFormed =
    sorted.join(';') === auth.signedHeaders.join(';') &&
    REQUIRED_SIGNED.every((h) => sorted.includes(h)) &&
    sorted.every((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
  if (!wellFormed) return { code: 'IncompleteSignature', reason: `signed headers ${auth.signedHeaders.join(';')} are not the SDK's` }
  if (!safeEqual(auth.accessKeyId, keys.accessKeyId)) return { code: 'InvalidAccessKeyId.NotFound', reason: 'unknown access key id' }
  if (!safeEqual(signCanonical(canonicalRequest(r, sorted), keys.accessKeySecret), auth.signature))
    return { code: 'SignatureDoesNotMatch', reason: 'signature does not match' }
  return null
}

/** Constant-time comparison, so response timing tells nothing about how much of a secret matched. */
function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

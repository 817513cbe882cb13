import { OpenApiUtil } from '@alicloud/openapi-core'
import { describe, expect, it } from 'vitest'
import { parseAuthorization, verifySignature } from '../../../../src/main/server/cloud/acs3-signature'
import { ReplayGuard } from '../../../../src/main/server/cloud/replay-guard'
import { cloudOptionsFrom } from '../../../../src/main/server/cloud/cloud-args'

const KEYS = { accessKeyId: 'id', accessKeySecret: 'secret' }

/** Sign with the SDK's own getAuthorization, then verify with ours: the two canonical requests must agree. */
function sdkSigned(
  query: Record<string, string>,
  headers: Record<string, string>
): { authorization: string; headers: Record<string, string[]> } {
  // getAuthorization reads only these four fields of the tea Request it is typed with.
  const request = { pathname: '/', method: 'POST', query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0]
  const authorization = OpenApiUtil.getAuthorization(
    request,
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256'],
    KEYS.accessKeyId,
    KEYS.accessKeySecret
  )
  return { authorization, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])) }
}

const HEADERS = {
  host: '127.0.0.1:8737',
  'x-acs-action': 'RecognizeChinesePassport',
  'x-acs-version': '2021-07-07',
  'x-acs-date': '2025-01-01T00:00:00Z',
  'x-acs-signature-nonce': 'n1',
  'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'content-type': 'application/octet-stream'
}

describe('ACS3-HMAC-SHA256', () => {
  it("verifies what the SDK's getAuthorization signs, query values with reserved characters included", () => {
    const query = { OutputFigure: 'true', Url: "https://x.test/a b(1)!*'.jpg?q=1&r=é" }
    const { authorization, headers } = sdkSigned(query, HEADERS)
    const auth = parseAuthorization(authorization)
    expect(auth).not.toBeNull()
    const request = {
      method: 'POST',
      pathname: '/',
      query: new URLSearchParams(query),
      headers,
      payloadHash: HEADERS['x-acs-content-sha256']
    }
    expect(verifySignature(request, auth!, KEYS)).toBe(true)
    expect(verifySignature(request, auth!, { ...KEYS, accessKeySecret: 'other' })).toBe(false)
    expect(verifySignature({ ...request, query: new URLSearchParams({ ...query, OutputFigure: 'false' }) }, auth!, KEYS)).toBe(false)
    expect(verifySignature({ ...request, headers: { ...headers, host: ['evil.example'] } }, auth!, KEYS)).toBe(false)
  })

  it('refuses signatures that leave out the headers binding the request', () => {
    const partial: Record<string, string> = { ...HEADERS }
    delete partial['x-acs-signature-nonce']
    const { authorization, headers } = sdkSigned({}, partial)
    const request = { method: 'POST', pathname: '/', query: new URLSearchParams(), headers, payloadHash: HEADERS['x-acs-content-sha256'] }
    expect(verifySignature(request, parseAuthorization(authorization)!, KEYS)).toBe(false)
    expect(parseAuthorization('Bearer abc')).toBeNull()
  })
})

describe('ReplayGuard', () => {
  it('accepts a fresh date and nonce once, and refuses skewed or malformed dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    const g = new ReplayGuard(60_000, 2, () => now)
    expect(g.check('2025-01-01T00:00:30Z', 'a')).toBeNull()
    expect(g.check('2025-01-01T00:00:30Z', 'a')).toMatchObject({ code: 'SignatureNonceUsed' })
    expect(g.check('2025-01-01T00:02:00Z', 'b')).toMatchObject({ code: 'InvalidTimeStamp.Expired' })
    expect(g.check('yesterday', 'c')).toMatchObject({ code: 'InvalidTimeStamp.Format' })
    expect(g.check('2025-01-01T00:00:30Z', undefined)).toMatchObject({ code: 'MissingSignatureNonce' })
    expect(g.check('2025-01-01T00:00:00Z', 'd')).toBeNull()
    expect(g.check('2025-01-01T00:00:00Z', 'e')).toMatchObject({ code: 'Throttling.User' })
  })
})

describe('serve options of the cloud action', () => {
  it('needs access keys to listen beyond loopback', () => {
    expect(() => cloudOptionsFrom({}, {}, '0.0.0.0')).toThrow(/needs access keys/)
    expect(() => cloudOptionsFrom({ 'access-key-id': 'id' }, {}, '127.0.0.1')).toThrow(/both/)
    expect(cloudOptionsFrom({}, { PRW_ACCESS_KEY_ID: 'id', PRW_ACCESS_KEY_SECRET: 's' }, '0.0.0.0').keys).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 's'
    })
    expect(cloudOptionsFrom({ 'max-queue': '4', 'request-timeout': '5' }, { PRW_STORE_API_REQUESTS: '1' }, 'localhost')).toMatchObject({
      keys: undefined,
      maxQueue: 4,
      requestTimeoutMs: 5000,
      storeRequests: true
    })
    expect(() => cloudOptionsFrom({ 'max-queue': '0' }, {}, '::1')).toThrow(/positive/)
  })
})

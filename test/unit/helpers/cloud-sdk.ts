import { Readable } from 'node:stream'
import * as ocr from '@alicloud/ocr-api20210707'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import * as openApiUtils from '@alicloud/openapi-core/dist/utils'

/** The vendor SDK's client class: a CommonJS default export, which ESM sees one level deeper. */
const OcrClient = ((ocr.default as unknown as { default?: typeof ocr.default }).default ?? ocr.default) as typeof ocr.default

/** The SDK's helpers (clock, nonce): a test replaces one to make the SDK sign a skewed or replayed request itself. */
export const SdkUtils = ((openApiUtils.default as unknown as { default?: typeof openApiUtils.default }).default ??
  openApiUtils.default) as typeof openApiUtils.default

/**
 * The vendor's own client, pointed at a local server over plain HTTP. Both timeouts are raised: the SDK's default
 * (3 s, httpx's) also applies while waiting for the answer, shorter than a queued recognition on a busy PC.
 */
export function sdkClient(baseUrl: string, keys = { accessKeyId: 'test-id', accessKeySecret: 'test-secret' }): ocr.default {
  const endpoint = new URL(baseUrl).host
  return new OcrClient(new $OpenApiUtil.Config({ ...keys, endpoint, protocol: 'http', readTimeout: 120_000, connectTimeout: 120_000 }))
}

/** RecognizeChinesePassport with the image as a stream (the SDK's `body`). */
export function viaStream(
  client: ocr.default,
  image: Uint8Array,
  outputFigure?: boolean
): ReturnType<ocr.default['recognizeChinesePassport']> {
  return client.recognizeChinesePassport(
    new ocr.RecognizeChinesePassportRequest({ body: Readable.from([Buffer.from(image)]), outputFigure })
  )
}

/** RecognizeChinesePassport with the image as `Url`. */
export function viaUrl(client: ocr.default, url: string): ReturnType<ocr.default['recognizeChinesePassport']> {
  return client.recognizeChinesePassport(new ocr.RecognizeChinesePassportRequest({ url }))
}

/** What the SDK's thrown error carries from our error body. */
export interface SdkError {
  statusCode: number
  code: string
  message: string
  data: { RequestId: string; Code: string; Message: string }
}

/** The SDK error a call rejects with. */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call
  } catch (err) {
    return err as SdkError
  }
  throw new Error('the call succeeded')
}

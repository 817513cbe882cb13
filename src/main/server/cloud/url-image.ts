import { AppError } from '../../../shared/domain/errors'
import { cloudConfig } from './cloud-config'
import { CloudError } from './envelope'

/** Bounds of one download. */
export interface UrlLimits {
  maxBytes: number
  maxRedirects: number
  /** For the whole download, redirects included. */
  timeoutMs: number
}

const DEFAULT_LIMITS: UrlLimits = {
  maxBytes: cloudConfig.maxBodyBytes,
  maxRedirects: cloudConfig.url.maxRedirects,
  timeoutMs: cloudConfig.url.timeoutMs
}

/** Parse and check a URL we are asked to fetch: http or https only, no credentials, within the cloud's length. */
export function checkImageUrl(raw: string, base?: URL): URL {
  if (raw.length > cloudConfig.url.maxLength)
    throw new AppError('INVALID_REQUEST', `Url is longer than ${cloudConfig.url.maxLength} characters`)
  let url: URL
  try {
    url = new URL(raw, base)
  } catch {
    throw new AppError('INVALID_REQUEST', 'Url is not a valid URL')
  }
  // file:, data:, ftp: and the like would read local files or reach services the caller could not reach itself.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('INVALID_REQUEST', `Url scheme ${url.protocol} is not allowed; use http or https`)
  if (url.username || url.password) throw new AppError('INVALID_REQUEST', 'Url must not carry credentials')
  return url
}

/**
 * Download an image from a checked URL. Redirects are followed by hand so that every hop is checked again (a redirect
 * to file: or to a non-http scheme is refused) and counted; the size is checked on the declared length and again on
 * the bytes received, so a lying or endless server cannot fill memory.
 */
export async function downloadImage(raw: string, limits: Partial<UrlLimits> = {}): Promise<Buffer> {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  const signal = AbortSignal.timeout(lim.timeoutMs)
  let url = checkImageUrl(raw)
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { redirect: 'manual', signal, headers: { Accept: 'image/*' } })
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel()
        const location = res.headers.get('location')
        if (!location) throw new AppError('INVALID_REQUEST', `Url answered ${res.status} without a Location`)
        if (hop >= lim.maxRedirects) throw new AppError('INVALID_REQUEST', `Url redirected more than ${lim.maxRedirects} times`)
        url = checkImageUrl(location, url)
        continue
      }
      if (!res.ok) {
        await res.body?.cancel()
        throw new AppError('INVALID_REQUEST', `Url could not be downloaded: HTTP ${res.status}`)
      }
      return await readLimited(res, lim.maxBytes)
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    if (signal.aborted) throw new CloudError('TIMEOUT', `Url took longer than ${lim.timeoutMs / 1000} s to download`, 504)
    throw new AppError('INVALID_REQUEST', `Url could not be downloaded: ${causeOf(err)}`)
  }
}

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = (): AppError => new AppError('FILE_TOO_LARGE', `the image at Url is larger than ${maxBytes} bytes`)
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel()
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength
    if (size > maxBytes) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** fetch reports network failures as "fetch failed" with the useful part in `cause`. */
function causeOf(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err
  return cause instanceof Error ? cause.message : String(cause)
}

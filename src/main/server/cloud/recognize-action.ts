import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError } from '../../../shared/domain/errors'
import type { PassportResponse } from '../../../shared/domain/response'
import { sniffImageType } from '../../ingest/image-type'
import { filePages } from '../../ingest/pages/file-pages'
import type { DocumentsService } from '../../services/documents-service'
import type { Recognizer } from '../../services/recognition-queue'
import { parseAuthorization, signatureRefusal } from './acs3-signature'
import { Admission } from './admission'
import { cloudConfig } from './cloud-config'
import { CloudError, newRequestId, NotAuthorizedError, sendData, sendError } from './envelope'
import { ReplayGuard } from './replay-guard'
import { SignatureRefusedError } from './signature-refusal'
import { readImageBody } from './request-body'
import { downloadImage } from './url-image'
import type { UrlLimits } from './url-image'

/** An AccessKey pair the callers sign with. */
export interface AccessKeys {
  accessKeyId: string
  accessKeySecret: string
}

/** How the cloud-compatible action behaves. */
export interface CloudActionOptions {
  /** The same engine pool as the workstation's queue. */
  recognizer: Recognizer
  /** When set, every request must carry a valid ACS3-HMAC-SHA256 signature by this pair. */
  keys?: AccessKeys
  maxQueue?: number
  /** From arrival to answer; a slow upload answers 408, a slow download or recognition 504. */
  requestTimeoutMs?: number
  /** Keep each recognised image and its answer in the workstation for review, with source 'api'. */
  storeRequests?: boolean
  url?: Partial<UrlLimits>
  /** Why a request was refused or could not be stored (not told to the caller); defaults to stderr. */
  log?: (line: string) => void
}

/** `POST /?Action=RecognizeChinesePassport` (or `x-acs-action`), answering as the cloud does. */
export class RecognizeAction {
  private readonly admission: Admission
  private readonly replay = new ReplayGuard()
  private readonly log: (line: string) => void

  constructor(
    private readonly opts: CloudActionOptions,
    private readonly documents: DocumentsService
  ) {
    this.admission = new Admission(opts.maxQueue, opts.requestTimeoutMs)
    this.log = opts.log ?? ((line) => process.stderr.write(line + '\n'))
  }

  /** Answer one request. `localCaller`: from this computer with a loopback Host, the only callers allowed without keys. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, localCaller: boolean): Promise<void> {
    const requestId = newRequestId()
    try {
      await this.run(req, res, url, localCaller, requestId)
    } catch (err) {
      if (err instanceof NotAuthorizedError || err instanceof SignatureRefusedError) this.log(`${requestId} refused: ${err.reason}`)
      if (res.headersSent) res.destroy()
      else sendError(res, requestId, err)
    }
  }

  private async run(req: IncomingMessage, res: ServerResponse, url: URL, localCaller: boolean, requestId: string): Promise<void> {
    const deadline = Date.now() + this.admission.timeLimitMs
    checkAction(req, url)
    this.authorize(req, url, localCaller)
    const release = this.admission.tryAcquire()
    if (!release) {
      const retryAfter = String(this.admission.retryAfterSeconds())
      throw new CloudError('BUSY', 'too many recognition requests are waiting; retry later', 503, 'BUSY', { 'Retry-After': retryAfter })
    }
    let handedOver = false
    try {
      const outputFigure = parseOutputFigure(url.searchParams.get('OutputFigure'))
      // A PDF or a multi-page TIFF is answered for its first page, as the cloud does; that page is what is stored.
      const [{ bytes }] = await filePages(await this.readImage(req, url, deadline), this.opts.recognizer, { firstOnly: true })
      // Stored documents always get the figure: the workstation shows it as the thumbnail.
      const work = this.opts.recognizer.recognize(bytes, { outputFigure: outputFigure || this.opts.storeRequests === true })
      handedOver = true
      // The slot is held until the engine is done, even when the caller already got a timeout (see Admission).
      work
        .then(
          () => this.admission.recognized(),
          () => undefined
        )
        .finally(release)
      const response = await beforeDeadline(work, deadline)
      if (this.opts.storeRequests) this.store(bytes, response, requestId)
      sendData(res, requestId, outputFigure ? response : withoutFigure(response))
    } finally {
      if (!handedOver) release()
    }
  }

  /** Keys configured: a valid signature, always. No keys: only this computer (the server then listens on loopback). */
  private authorize(req: IncomingMessage, url: URL, localCaller: boolean): void {
    // The SDK never sends Origin; a browser page does, and must not use the engine or make us fetch URLs for it.
    if (req.headers.origin !== undefined) throw new NotAuthorizedError('browser (cross-origin) request')
    const keys = this.opts.keys
    if (!keys) {
      if (!localCaller) throw new NotAuthorizedError('no access keys configured: only local callers are served')
      return
    }
    if (req.headers.authorization === undefined)
      throw new SignatureRefusedError({ code: 'MissingAuthorization', reason: 'unsigned request (no Authorization header)' })
    const auth = parseAuthorization(req.headers.authorization)
    if (!auth) throw new SignatureRefusedError({ code: 'IncompleteSignature', reason: 'malformed ACS3-HMAC-SHA256 Authorization header' })
    const signed = { method: req.method ?? '', pathname: url.pathname, query: url.searchParams, headers: req.headersDistinct }
    const payloadHash = req.headers['x-acs-content-sha256'] ?? ''
    const refusal = signatureRefusal({ ...signed, payloadHash: String(payloadHash) }, auth, keys)
    if (refusal) throw new SignatureRefusedError(refusal)
    // Only a correctly signed request spends a nonce: a forger cannot burn the nonces of requests yet to come.
    const replay = this.replay.check(header(req, 'x-acs-date'), header(req, 'x-acs-signature-nonce'))
    if (replay) throw new SignatureRefusedError(replay)
  }

  /** The image from the body or from `Url` (exactly one of them); with keys, the body must match its signed hash. */
  private async readImage(req: IncomingMessage, url: URL, deadline: number): Promise<Buffer> {
    const body = await beforeDeadline(
      readImageBody(req, cloudConfig.maxBodyBytes),
      deadline,
      () => new CloudError('TIMEOUT', 'the image upload took too long', 408, 'TIMEOUT', { Connection: 'close' })
    )
    if (this.opts.keys && createHash('sha256').update(body).digest('hex') !== req.headers['x-acs-content-sha256'])
      throw new SignatureRefusedError({ code: 'SignatureDoesNotMatch', reason: 'body does not match x-acs-content-sha256' })
    const imageUrl = url.searchParams.get('Url')
    if (imageUrl !== null && body.length > 0) throw new AppError('INVALID_REQUEST', 'send the image either as the body or as Url, not both')
    if (imageUrl !== null)
      return downloadImage(imageUrl, {
        ...this.opts.url,
        timeoutMs: Math.max(1, Math.min(this.opts.url?.timeoutMs ?? cloudConfig.url.timeoutMs, deadline - Date.now()))
      })
    if (body.length === 0) throw new AppError('INVALID_REQUEST', 'no image: send it as the request body or as Url')
    return body
  }

  private store(bytes: Buffer, response: PassportResponse, requestId: string): void {
    try {
      const fileName = `api-${requestId}.${sniffImageType(bytes) ?? 'bin'}`
      this.documents.storeRecognized({ fileName, bytes }, response, 'api')
    } catch (err) {
      // The caller's answer is right whatever happens to our copy; the operator learns of the failure from the log.
      this.log(`${requestId} not stored for review: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
}

/** Action and Version travel as headers (SDK 3.x) or query parameters (older clients); only ours is answered. */
function checkAction(req: IncomingMessage, url: URL): void {
  const action = url.searchParams.get('Action') ?? header(req, 'x-acs-action')
  const version = url.searchParams.get('Version') ?? header(req, 'x-acs-version')
  if (action !== cloudConfig.action)
    throw new AppError('INVALID_REQUEST', `unsupported Action ${action ?? '(none)'}; this server answers ${cloudConfig.action}`)
  if (version !== undefined && version !== cloudConfig.version)
    throw new AppError('INVALID_REQUEST', `unsupported Version ${version}; use ${cloudConfig.version}`)
}

function parseOutputFigure(v: string | null): boolean {
  if (v === null || v === 'false') return false
  if (v === 'true') return true
  throw new AppError('INVALID_REQUEST', 'OutputFigure must be true or false')
}

function withoutFigure(r: PassportResponse): PassportResponse {
  const copy = { ...r }
  delete copy.figure
  return copy
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Settle with `work`, or fail once the request's deadline has passed (the work itself carries on). */
function beforeDeadline<T>(work: Promise<T>, deadline: number, onTimeout?: () => Error): Promise<T> {
  const ms = Math.max(0, deadline - Date.now())
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(onTimeout ? onTimeout() : new CloudError('TIMEOUT', 'recognition took longer than the time limit', 504)),
      ms
    )
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { AppError, toErrorInfo } from '../../../shared/domain/errors'
import type { ErrorCode } from '../../../shared/domain/errors'
import type { PassportResponse } from '../../../shared/domain/response'
import { httpStatusOf, send } from '../http-util'

/** The cloud's message for wrong or missing credentials, word for word: clients may match on it. */
export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to perform this operation.'
/** The cloud's code for it (the SDK's own documentation shows it on 403 answers). */
export const NOT_AUTHORIZED_CODE = 'noPermission'

/** An error whose HTTP status is not the code's usual one (408 for a slow upload) or whose cloud code differs. */
export class CloudError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    readonly cloudCode: string = code,
    readonly headers: Record<string, string> = {}
  ) {
    super(code, message)
  }
}

/** The 403 every credential failure answers with; `reason` goes to our log only, never to the caller. */
export class NotAuthorizedError extends CloudError {
  constructor(readonly reason: string) {
    super('UNAUTHORIZED', NOT_AUTHORIZED_MESSAGE, 403, NOT_AUTHORIZED_CODE)
  }
}

/** A request id in the cloud's format (upper-case UUID), echoed in every answer and in the log. */
export function newRequestId(): string {
  return randomUUID().toUpperCase()
}

/** `{ RequestId, Data }` with the response serialised as a JSON string, as the cloud answers. */
export function sendData(res: ServerResponse, requestId: string, response: PassportResponse): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ RequestId: requestId, Data: JSON.stringify(response) }))
}

/**
 * `{ RequestId, Code, Message }` with a fitting status. The SDK reads exactly these keys from an error body (any
 * 4xx/5xx) into the error it throws: `code`, `statusCode`, `data`, and `message` ending with our message.
 */
export function sendError(res: ServerResponse, requestId: string, err: unknown): void {
  const info = toErrorInfo(err)
  const status = err instanceof CloudError ? err.status : httpStatusOf(info.code)
  const code = err instanceof CloudError ? err.cloudCode : info.code
  const headers = err instanceof CloudError ? err.headers : {}
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ RequestId: requestId, Code: code, Message: info.message }), headers)
}

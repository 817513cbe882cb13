import { invokeContract, isInvokeChannel } from '../../shared/contract'
import type { InvokeChannel, ParsedRequestOf, ResponseOf, Result } from '../../shared/contract'
import { toErrorInfo } from '../../shared/domain/errors'

/** One function per channel, receiving the validated request. */
export type Handlers = { [C in InvokeChannel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> }

/**
 * The one entry point of both transports: check the channel, validate the request with its schema, run the handler,
 * and wrap the outcome in the result envelope. Errors never escape as exceptions.
 */
export async function dispatch(handlers: Handlers, channel: string, request: unknown): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: `unknown channel ${channel}` } }
  const parsed = invokeContract[channel].request.safeParse(request ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `${channel}: ${issues}` } }
  }
  try {
    // The map type guarantees handler and schema agree; TypeScript cannot correlate them through a union key.
    const handler = handlers[channel] as (r: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) }
  }
}

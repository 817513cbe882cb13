/** The renderer's single door to main: the preload's bridge in Electron, the HTTP client in a browser. */
import type { InvokeChannel, RequestOf, ResponseOf } from '../../../shared/contract'
import { AppError } from '../../../shared/domain/errors'
import { createHttpApi } from './http-api'

export const api = window.api ?? createHttpApi()

/** Call a channel and unwrap its envelope: the value, or an AppError with the same code and message. */
export async function call<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await api.invoke(channel, request)
  if (!result.ok) throw new AppError(result.error.code, result.error.message)
  return result.value
}

import { AppError } from '../../../shared/domain/errors'
import { cloudConfig } from './cloud-config'
import type { CloudActionOptions } from './recognize-action'

/** The `serve` options of the cloud action, as node's parseArgs declares them. */
export const CLOUD_ARG_OPTIONS = {
  'access-key-id': { type: 'string' },
  'access-key-secret': { type: 'string' },
  'max-queue': { type: 'string' },
  'request-timeout': { type: 'string' },
  'store-api-requests': { type: 'boolean' }
} as const

/** Their lines in the usage text. */
export const CLOUD_USAGE = `  --access-key-id, --access-key-secret
                 AccessKey pair API callers sign with (or $PRW_ACCESS_KEY_ID / $PRW_ACCESS_KEY_SECRET, which keep the
                 secret out of the process list); required when --host is not a loopback address
  --max-queue N  recognition requests admitted at once, the rest get 503 + Retry-After (default ${cloudConfig.maxQueue})
  --request-timeout S
                 time limit per recognition request in seconds (default ${cloudConfig.requestTimeoutMs / 1000})
  --store-api-requests
                 keep recognised API requests for review, source 'api' (or $PRW_STORE_API_REQUESTS=1)`

/** What parseArgs gives for CLOUD_ARG_OPTIONS. */
export interface CloudArgValues {
  'access-key-id'?: string
  'access-key-secret'?: string
  'max-queue'?: string
  'request-timeout'?: string
  'store-api-requests'?: boolean
}

/** Loopback names and addresses: only this computer can connect. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Build the cloud action's options; refuses to listen beyond loopback without access keys. */
export function cloudOptionsFrom(values: CloudArgValues, env: NodeJS.ProcessEnv, host: string): Omit<CloudActionOptions, 'recognizer'> {
  const accessKeyId = values['access-key-id'] ?? env.PRW_ACCESS_KEY_ID
  const accessKeySecret = values['access-key-secret'] ?? env.PRW_ACCESS_KEY_SECRET
  if (Boolean(accessKeyId) !== Boolean(accessKeySecret))
    throw new AppError('USAGE', 'give both the access key id and its secret, or neither')
  const keys = accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : undefined
  // Without keys anyone on the network could use the engine: only this computer may, so listen on loopback only.
  if (!keys && !isLoopbackHost(host))
    throw new AppError(
      'USAGE',
      `listening on ${host} needs access keys (--access-key-id/--access-key-secret or $PRW_ACCESS_KEY_ID/$PRW_ACCESS_KEY_SECRET)`
    )
  return {
    keys,
    maxQueue: positive(values['max-queue'], '--max-queue') ?? cloudConfig.maxQueue,
    requestTimeoutMs: (positive(values['request-timeout'], '--request-timeout') ?? cloudConfig.requestTimeoutMs / 1000) * 1000,
    storeRequests: values['store-api-requests'] === true || env.PRW_STORE_API_REQUESTS === '1'
  }
}

function positive(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new AppError('USAGE', `${name} needs a positive whole number`)
  return n
}

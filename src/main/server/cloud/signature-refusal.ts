import { CloudError } from './envelope'

/**
 * The cloud gateway's own answers to a bad signature, code and message word for word (its published OpenAPI error
 * table; `Missing{Parameter}` is its pattern for an absent one), so that a caller's error handling works unchanged.
 */
export const SIGNATURE_REFUSALS = {
  MissingAuthorization: 'Authorization is mandatory for this action.',
  IncompleteSignature: 'The request signature does not conform to Aliyun standards.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  'InvalidTimeStamp.Format': 'Specified time stamp or date value is not well formatted.',
  'InvalidTimeStamp.Expired': 'Specified time stamp or date value is expired.',
  MissingSignatureNonce: 'SignatureNonce is mandatory for this action.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  'Throttling.User': 'Request was denied due to user flow control.'
} as const

/** One of the cloud's signature codes. */
export type SignatureRefusalCode = keyof typeof SIGNATURE_REFUSALS

/** Why a signed request was refused: the cloud's code for the caller, our reason for the log. */
export interface Refusal {
  code: SignatureRefusalCode
  reason: string
}

/** A refused signature, answered 400 with the cloud's code and message; `reason` goes to our log only. */
export class SignatureRefusedError extends CloudError {
  constructor(readonly refusal: Refusal) {
    super('UNAUTHORIZED', SIGNATURE_REFUSALS[refusal.code], 400, refusal.code)
  }

  get reason(): string {
    return this.refusal.reason
  }
}

import type { ErrorCode } from '../../../../shared/domain/errors'

/** The codes a camera failure can have. */
export type CameraErrorCode = Extract<ErrorCode, 'CAMERA_NOT_FOUND' | 'CAMERA_DENIED' | 'CAMERA_BUSY' | 'INTERNAL'>

/**
 * The stable code for a getUserMedia failure (a DOMException's name): no camera, access refused (by the operator,
 * the system or the app's permission guard), or a camera another program holds.
 */
export function cameraErrorCode(err: unknown): CameraErrorCode {
  const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'CAMERA_DENIED'
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'CAMERA_NOT_FOUND'
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'CAMERA_BUSY'
  return 'INTERNAL'
}

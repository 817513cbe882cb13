import { describe, expect, it } from 'vitest'
import { cameraErrorCode } from '../../../src/renderer/src/features/camera/camera-errors'

const domError = (name: string): Error => Object.assign(new Error(name), { name })

describe("cameraErrorCode: getUserMedia's failures as stable codes", () => {
  it('tells refused access, no camera and a camera in use apart', () => {
    expect(['NotAllowedError', 'SecurityError', 'PermissionDeniedError'].map((n) => cameraErrorCode(domError(n)))).toEqual(Array(3).fill('CAMERA_DENIED'))
    expect(['NotFoundError', 'OverconstrainedError', 'DevicesNotFoundError'].map((n) => cameraErrorCode(domError(n)))).toEqual(Array(3).fill('CAMERA_NOT_FOUND'))
    expect(['NotReadableError', 'TrackStartError', 'AbortError'].map((n) => cameraErrorCode(domError(n)))).toEqual(Array(3).fill('CAMERA_BUSY'))
  })

  it('reads a plain object with a name (a DOMException from another realm) and calls anything else INTERNAL', () => {
    expect(cameraErrorCode({ name: 'NotAllowedError', message: '' })).toBe('CAMERA_DENIED')
    expect(cameraErrorCode(domError('TypeError'))).toBe('INTERNAL')
    expect(cameraErrorCode('boom')).toBe('INTERNAL')
    expect(cameraErrorCode(null)).toBe('INTERNAL')
  })
})

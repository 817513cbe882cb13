import { ref, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { cameraErrorCode } from './camera-errors'
import type { CameraErrorCode } from './camera-errors'

// The operator's camera, remembered between sessions (this PC only).
const CHOSEN_KEY = 'prw.camera.deviceId'

/** The document camera as the panel sees it. */
export interface Camera {
  cameras: Ref<MediaDeviceInfo[]>
  chosen: Ref<string>
  stream: ShallowRef<MediaStream | null>
  /** Why there is no stream, as a stable code. */
  error: Ref<CameraErrorCode | null>
  /** Open the given camera (the remembered one, or any); access is asked for the first time here. */
  start(deviceId?: string): Promise<void>
  stop(): void
}

/** The document camera: the list of cameras, the chosen one's stream, and why there is none. */
export function useCamera(): Camera {
  const cameras = ref<MediaDeviceInfo[]>([])
  const chosen = ref<string>(localStorage.getItem(CHOSEN_KEY) ?? '')
  const stream = shallowRef<MediaStream | null>(null)
  const error = ref<CameraErrorCode | null>(null)

  const listCameras = async (): Promise<MediaDeviceInfo[]> =>
    (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput')

  function stop(): void {
    for (const track of stream.value?.getTracks() ?? []) track.stop()
    stream.value = null
  }

  async function start(deviceId: string = chosen.value): Promise<void> {
    stop()
    error.value = null
    try {
      if (!navigator.mediaDevices?.getUserMedia || (await listCameras()).length === 0) {
        error.value = 'CAMERA_NOT_FOUND'
        return
      }
      // Video only, as large as the camera gives: the still is cut from it when there is no photo mode.
      const size = { width: { ideal: 3840 }, height: { ideal: 2160 } }
      const video = deviceId ? { ...size, deviceId: { exact: deviceId } } : size
      const s = await navigator.mediaDevices.getUserMedia({ video, audio: false }).catch((err: unknown) => {
        // A remembered camera that is gone: fall back to any camera.
        if (deviceId && cameraErrorCode(err) === 'CAMERA_NOT_FOUND') return navigator.mediaDevices.getUserMedia({ video: size, audio: false })
        throw err
      })
      stream.value = s
      // Labels are only given once access is granted.
      cameras.value = await listCameras()
      const id = s.getVideoTracks()[0]?.getSettings().deviceId ?? ''
      chosen.value = id
      if (id) localStorage.setItem(CHOSEN_KEY, id)
    } catch (err) {
      error.value = cameraErrorCode(err)
    }
  }

  return { cameras, chosen, stream, error, start, stop }
}

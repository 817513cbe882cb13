/** The part of the Image Capture API used here (not in TypeScript's DOM library). */
interface ImageCaptureLike {
  takePhoto(): Promise<Blob>
}
declare const ImageCapture: { new (track: MediaStreamTrack): ImageCaptureLike } | undefined

/** How a still was taken: the camera's own photo at its full resolution, or the current video frame. */
export type StillSource = 'takePhoto' | 'video-frame'

/**
 * The full-resolution still: ImageCapture.takePhoto() where the browser and camera offer it (a sensor's photo mode is
 * often larger than its video), otherwise the current frame of the video at its own size.
 */
export async function takeStill(track: MediaStreamTrack, video: HTMLVideoElement): Promise<{ blob: Blob; source: StillSource }> {
  if (typeof ImageCapture !== 'undefined') {
    try {
      return { blob: await new ImageCapture(track).takePhoto(), source: 'takePhoto' }
    } catch {
      // Some cameras (and virtual ones) have no photo mode: the video frame is the still.
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas for the still')
  ctx.drawImage(video, 0, 0)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.95))
  if (!blob) throw new Error('the video frame could not be encoded')
  return { blob, source: 'video-frame' }
}

/**
 * Every threshold of the document camera's auto-capture, in one place. Measured on the small analysis frame (the
 * preview scaled to ANALYSIS_WIDTH), calibrated on generated passport pages (test/unit/renderer/auto-capture.test.ts).
 */
export const cameraConfig = {
  /** Width of the analysis frame in pixels; its height follows the video's aspect. */
  analysisWidth: 320,
  /** Frames analysed per second: enough to see a hand move, little work for the renderer. */
  analysisFps: 8,
  /** Standard deviation of luminance under which there is no page in view (a blank desk, a covered lens). */
  minContrast: 18,
  /** Mean absolute luminance change between two analysis frames above which the page is moving. */
  maxMotion: 3,
  /** Sharpness (mean squared Laplacian over luminance variance) under which the frame is blurred. */
  minSharpness: 0.06,
  /** Share of clipped pixels (luminance >= glareLevel) above which there is glare on the laminate. */
  glareLevel: 254,
  maxGlare: 0.02,
  /** Consecutive steady, sharp frames before a capture. */
  steadyFrames: 4,
  /** No second capture within this time, and none of the same page where it lay (fingerprint difference below). */
  cooldownMs: 2500,
  samePageDiff: 10,
  /** Size of the fingerprint kept of the last captured frame. */
  fingerprintWidth: 16,
  fingerprintHeight: 12
} as const

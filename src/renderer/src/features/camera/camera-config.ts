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
  /** The page in view (page-outline.ts): a passport data page is 125 × 88 mm; a tilt or perspective may stray this share. */
  pageAspect: 125 / 88,
  pageAspectTolerance: 0.2,
  /** Smallest share of the frame a page covers, and least difference of the page's and desk's mean luminance. */
  pageMinShare: 0.05,
  pageMinSeparation: 30,
  /** Thresholds tried for a page lighter than the desk: Otsu's, then this share of the way from it to white. */
  pageLightSplits: [0, 0.33, 0.66],
  /** Least share of its convex hull a page's region fills, and of that hull its largest quadrilateral covers. */
  pageMinSolidity: 0.9,
  pageMinQuadFit: 0.9,
  /** Outline points within this many pixels of a side, away from its ends by this share, are fitted to straighten it. */
  pageSideNear: 2,
  pageSideMargin: 0.15,
  /** Size of the fingerprint kept of the last captured frame. */
  fingerprintWidth: 16,
  fingerprintHeight: 12
} as const

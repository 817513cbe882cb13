/**
 * Every threshold of the engine, with PaddleOCR's upstream names where one exists.
 * Page geometry is in millimetres of the ID-3 data page (ICAO 9303: 125 × 88 mm).
 */
export const config = {
  limits: {
    /** The cloud API's own limit. */
    maxFileBytes: 10 * 1024 * 1024,
    /** Refused before decoding: a decompression bomb never reaches the decoder. */
    maxPixels: 40_000_000,
    /** A passport scan is one page (two at most, front and back): a 1,000-page TIFF is refused from its header. */
    maxPages: 16,
    minSide: 320
  },
  /** PDF pages (src/main/ingest/pages/pdf-pages.ts). */
  pdf: {
    /** A page that is not one scanned image is drawn at a scanner's resolution for a passport page. */
    renderDpi: 300,
    /** A single image covering this share of the page is the page: it is taken as embedded, not redrawn. */
    scanCoverage: 0.9
  },
  /** A JPEG's quality for pages that reach us lossy already (HEIC photos) or whose PNG would pass maxFileBytes. */
  pageJpegQuality: 95,
  session: {
    intraOpNumThreads: 2,
    interOpNumThreads: 1,
    /**
     * The direction classifier's runs (two 48 × 192 crops) take about a millisecond alone and twice that with a
     * second thread to wake and join: it always runs on one.
     */
    clsThreads: 1
  },
  /** Whole-image detection, only to find the MRZ and the page. */
  coarseDet: {
    limitSideLen: 640,
    retryLimitSideLen: 1024,
    thresh: 0.3,
    boxThresh: 0.5,
    unclipRatio: 1.5,
    minSize: 3
  },
  /** Detection on the rectified page. */
  pageDet: {
    thresh: 0.3,
    boxThresh: 0.45,
    unclipRatio: 1.5,
    minSize: 3
  },
  det: {
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
    maxCandidates: 1000
  },
  rec: {
    imgH: 48,
    /** Lines are batched by similar width to keep padding small. */
    batchNum: 8,
    maxImgW: 1800,
    /** Extra height added around a detected box before cropping, as a share of its height. */
    cropPadY: 0.12,
    cropPadX: 0.25
  },
  cls: {
    imgH: 48,
    imgW: 192,
    thresh: 0.9,
    /** The share of an MRZ line, from its start, shown to the classifier to choose the page's way up. */
    mrzShare: 0.35
  },
  mrz: {
    /** Reading MRZ cells against OCR-B templates (mrz/glyphs.ts). */
    glyphs: {
      /** Shifts tried around each cell's place, in template pixels, each way. */
      shift: 1,
      /** Only the templates that correlate best at the cell's own place are tried at the shifts. */
      shiftedCandidates: 6,
      /** Softmax temperature over the correlations: a lead of 0.1 is about 96%. */
      temperature: 0.03,
      alternatives: 3,
      /** Rows with at least this share of the busiest row's ink belong to the glyph band. */
      bandRowShare: 0.3,
      minCapPx: 6,
      /** A cell is sure of its character at this probability among the characters its slot may hold… */
      sure: 0.9,
      /** …and an unsure cell may also be any character of at least this probability. */
      plausible: 0.02,
      /** Most readings of line 2's unsure cells tried against the check digits. */
      maxVariants: 4096
    }
  },
  page: {
    widthMm: 125,
    heightMm: 88,
    /** Rectified page resolution: what `width`/`height` report and what the reader crops from. */
    pxPerMm: 10,
    /** Detection on the rectified page runs at this width: enough to keep adjacent lines apart. */
    detWidth: 640,
    /** Page detection looks only right of this: the portrait fills the left; every label and value starts at ≈36 mm. */
    valueAreaFromMm: 24,
    /** MRZ geometry (ICAO 9303 TD3): 44 characters at 2.54 mm pitch, the lower line's centre near the page bottom. */
    mrzCharPitchMm: 2.54,
    mrzLeftMm: 6.5,
    mrzLine2CenterFromBottomMm: 7.3,
    mrzLineGapMm: 6.2,
    /** How far (as a share of the page size) the page edge search may move from the MRZ-based estimate. */
    edgeSearch: 0.12,
    /** A second edge search, in the frame the first one found, when a corner moved more than this. */
    edgeRefineMm: 4,
    edgePasses: 2
  },
  labels: {
    /** A label and its value start within this distance of each other… */
    alignMm: 2.5,
    /** …and the value's top is at most this far below the label's bottom. */
    gapMm: 1.5,
    /** …and the value's line is this much taller than the label's. */
    valueTaller: 1.1,
    /** A line at most this much taller than the tallest label found is label-sized. */
    sizeTolerance: 1.1
  },
  fields: {
    /** valueProb below this raises LOW_CONFIDENCE. */
    lowConfidence: 90
  }
} as const

export type RecognitionConfig = typeof config

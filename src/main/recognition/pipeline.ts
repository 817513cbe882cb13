import type { Point, Quad } from '../../shared/domain/geometry'
import { distance } from '../../shared/domain/geometry'
import { AppError } from '../../shared/domain/errors'
import type { PassportResponse } from '../../shared/domain/response'
import { DirectionClassifier } from './cls/direction-classifier'
import { config } from './config'
import type { TextBox } from './det/postprocess'
import { rectBox } from './det/postprocess'
import { TextDetector } from './det/text-detector'
import { TextRecognizer } from './rec/text-recognizer'
import type { ImageView } from './image/crop'
import { cropQuad, cropRect, viewOf } from './image/crop'
import { decodeImage } from './image/decode'
import type { Homography } from './image/homography'
import { applyHomography, composeHomography, homographyFromPoints, invertHomography } from './image/homography'
import type { Raster } from './image/raster'
import { warpPerspective } from './image/warp'
import { loadModels } from './models'
import type { MrzRead } from './mrz/read'
import { readMrzLines } from './mrz/read'
import type { FamilyRules } from './families'
import { familyByPage, familyOf } from './families'
import { foreignFields } from './families/foreign-fields'
import { lineMarks } from './passport/letter-marks'
import type { GlyphSet } from './mrz/glyphs'
import type { MrzPair } from './mrz/locate'
import { flipMrz, locateMrz } from './mrz/locate'
import { fitLineBand } from './mrz/grid'
import { cornersToImage, findPageCorners, inkBounds } from './passport/page-edges'
import { homographyFromMrz, pageCornersMm } from './passport/page-frame'
import type { PageLine } from './passport/page-lines'
import { normalizeText } from './passport/page-lines'
import type { FieldReads } from './passport/field-reads'
import { assignFields, CROSS_CHECKED } from './families/chinese-fields'
import { likelyLabels } from './passport/labels'
import type { FieldKey } from '../../shared/domain/fields'
import { buildResponse } from './passport/response'
import { charConfidence } from './passport/char-confidence'
import type { SessionOptions } from './session'
import { createSession } from './session'
import { version } from './version'

const { page: P, rec: R } = config
const PAGE_W = Math.round(P.widthMm * P.pxPerMm)
const PAGE_H = Math.round(P.heightMm * P.pxPerMm)
const MIN_FALLBACK_SCORE = 2
const SURE_ORIENTATION_SCORE = 4
const MIN_FIELD_AREA_PX = 32
/** How much larger a small image (640 px or less) is looked at again where its first look found no MRZ. */
const SMALL_IMAGE_ENLARGED = 2
/** Room kept around the text seen when looking closer, as a share of the image's longer side. */
const TEXT_AREA_PAD = 0.03
/** Looking closer over the text seen is worth it when that brings the image at least this much closer. */
const CLOSER_GAIN = 1.4
/** Fewer text lines than this above the MRZ is no data page's field area (it has thirteen values and their labels). */
const MIN_FIELD_LINES = 8

/** Options for one recognition. */
export interface RecognizeOptions {
  /** Add the portrait's position (`figure`), as the cloud API's OutputFigure. */
  outputFigure?: boolean
  /** "Now", for expiry checks and century resolution (tests pin it). */
  today?: Date
}

/** The passport reader: det → cls → rec plus the data-page knowledge, sessions created once. */
export class PassportEngine {
  private constructor(
    private readonly det: TextDetector,
    private readonly rec: TextRecognizer,
    private readonly cls: DirectionClassifier,
    private readonly glyphs: GlyphSet,
    readonly algoVersion: string
  ) {}

  /** Load and verify the models, then create the three inference sessions. */
  static async create(opts: SessionOptions = {}): Promise<PassportEngine> {
    const m = loadModels()
    const [det, rec, cls] = await Promise.all([
      createSession(m.det, opts),
      createSession(m.rec, opts),
      createSession(m.cls, { ...opts, intraOpNumThreads: config.session.clsThreads })
    ])
    const algo = `${version};det:${m.hashes.det};rec:${m.hashes.rec};cls:${m.hashes.cls};glyphs:${m.hashes.glyphs}`
    const recognizer = TextRecognizer.create(rec, m.dictionary)
    return new PassportEngine(TextDetector.create(det), recognizer, DirectionClassifier.create(cls), m.glyphs, algo)
  }

  /** Read one passport image (encoded bytes) into the cloud API's response shape. */
  async recognize(bytes: Buffer, opts: RecognizeOptions = {}): Promise<PassportResponse> {
    const { rgb } = await decodeImage(bytes)
    // 1. Whole-image detection, at low resolution: only the MRZ and the page's rough place are wanted.
    let coarse = await this.det.run(rgb, config.coarseDet.limitSideLen, config.coarseDet)
    let pairs = locateMrz(coarse)
    if (pairs.length === 0) {
      // A small page in a large photo: its MRZ lines may merge at low resolution; look again, closer. A small image
      // is looked at enlarged: the detector misses lines a few pixels high.
      const small = Math.max(rgb.width, rgb.height) <= config.coarseDet.limitSideLen
      coarse = await this.det.run(rgb, config.coarseDet.retryLimitSideLen, config.coarseDet, small ? SMALL_IMAGE_ENLARGED : 1)
      pairs = locateMrz(coarse)
      // A page on a whole flatbed scan (A4 at 300 dpi): its lines still merge at that scale. Closer still, over only
      // the part of the image where text was seen, which costs no more than that look did.
      const closer = pairs.length === 0 ? await this.detectWithin(rgb, coarse) : null
      if (closer) {
        coarse = closer
        pairs = locateMrz(coarse)
      }
    }
    if (pairs.length === 0) throw new AppError('NO_PASSPORT_FOUND', 'no passport data page (machine-readable zone) was found in the image')
    // 2. Try the likeliest MRZ pair the way the page's text suggests, then upside down.
    let fallback: PageRead | undefined
    for (const pair of pairs) {
      for (const { candidate, sure } of await this.orientations(rgb, pair)) {
        const read = await this.readPage(rgb, candidate, coarse, sure)
        if (read.mrz.valid) return this.finish(read, rgb, opts)
        if (!fallback || read.score > fallback.score) fallback = read
        // Line 1 shaped like ours and check digits holding: the page is this way up, the MRZ just misread.
        if (read.score >= SURE_ORIENTATION_SCORE) break
      }
      if (fallback && fallback.score >= SURE_ORIENTATION_SCORE) break
    }
    // A page whose MRZ gave not even one holding check digit is more likely something else than a passport.
    if (!fallback || fallback.score < MIN_FALLBACK_SCORE)
      throw new AppError('NO_PASSPORT_FOUND', 'no readable passport data page was found in the image')
    return this.finish(fallback, rgb, opts)
  }

  /**
   * Whole-image detection again over the rectangle the text already found spans, at the closer look's resolution;
   * null where that rectangle is too near the whole image for the look to come any closer.
   */
  private async detectWithin(rgb: Raster, seen: readonly TextBox[]): Promise<TextBox[] | null> {
    if (seen.length === 0) return null
    const pad = Math.max(rgb.width, rgb.height) * TEXT_AREA_PAD
    const xs = seen.flatMap((b) => b.quad.map((p) => p.x))
    const ys = seen.flatMap((b) => b.quad.map((p) => p.y))
    const x0 = Math.max(0, Math.floor(Math.min(...xs) - pad))
    const y0 = Math.max(0, Math.floor(Math.min(...ys) - pad))
    const x1 = Math.min(rgb.width, Math.ceil(Math.max(...xs) + pad))
    const y1 = Math.min(rgb.height, Math.ceil(Math.max(...ys) + pad))
    if (Math.max(rgb.width, rgb.height) < CLOSER_GAIN * Math.max(x1 - x0, y1 - y0)) return null
    const boxes = await this.det.run(cropRect(rgb, x0, y0, x1 - x0, y1 - y0), config.coarseDet.retryLimitSideLen, config.coarseDet)
    return boxes.map((b) => rectBox({ x: b.center.x + x0, y: b.center.y + y0 }, b.dir, b.long, b.short, b.score))
  }

  /**
   * Both ways up, the likelier first: the direction classifier on the start of each MRZ line decides, and says
   * whether it was sure of that first way.
   */
  private async orientations(rgb: Raster, pair: MrzPair): Promise<{ candidate: MrzPair; sure: boolean }[]> {
    const start = (b: TextBox): Quad => {
      const q = b.dir.x * pair.along.x + b.dir.y * pair.along.y > 0 ? b.quad : ([b.quad[2], b.quad[3], b.quad[0], b.quad[1]] as Quad)
      const t = config.cls.mrzShare
      const lerp = (a: Point, c: Point): Point => ({ x: a.x + (c.x - a.x) * t, y: a.y + (c.y - a.y) * t })
      return [q[0], lerp(q[0], q[1]), lerp(q[3], q[2]), q[3]]
    }
    const crops = [pair.upper, pair.lower].map((b) => cropQuad(viewOf(rgb), start(b), config.cls.imgH, config.cls.imgW * 2))
    const p = await this.cls.run(crops)
    const flipped = (p[0] + p[1]) / 2
    const sure = Math.max(flipped, 1 - flipped) >= config.cls.thresh
    const [first, second] = flipped > 0.5 ? [flipMrz(pair), pair] : [pair, flipMrz(pair)]
    return [
      { candidate: first, sure },
      { candidate: second, sure: false }
    ]
  }

  private async readPage(rgb: Raster, pair: MrzPair, coarse: readonly TextBox[], upright: boolean): Promise<PageRead> {
    // 3. Page outline: MRZ-based estimate refined by the page's edges. The page is straightened at 10 px/mm as a
    //    view of the photo: each crop is resampled once, from the photo's own pixels.
    const corners = locatePage(rgb, pair, coarse)
    const pageToImage = homographyFromPoints(
      [
        { x: 0, y: 0 },
        { x: PAGE_W, y: 0 },
        { x: PAGE_W, y: PAGE_H },
        { x: 0, y: PAGE_H }
      ],
      corners
    )
    const page: ImageView = { image: rgb, toImage: pageToImage }
    // 4. The MRZ lines are the ones already found, carried onto the straight page (page detection may split
    //    them at a long filler gap); every other line comes from detection on the page.
    const imageToPage = invertHomography(pageToImage)
    const mrzBoxes = sameExtent(
      [pair.upper, pair.lower].map((b) => fitLineBand(page, toPage(b, imageToPage))).sort((a, b) => a.center.y - b.center.y)
    )
    const mrzTop = mrzBoxes[0].center.y - mrzBoxes[0].short * 0.6
    // 5. The field area's detection runs in ONNX Runtime's threads while the MRZ's glyphs are matched here, and
    //    on a page already known to be this way up its value lines are read as soon as they are found: the
    //    pipeline's JavaScript stages otherwise leave a core idle. (A page tried the wrong way up reads only its MRZ
    //    before it is given up.)
    const detected = this.detectValues(page, Math.max(0, Math.min(PAGE_H, Math.ceil(mrzTop)))).then((b) =>
      b.filter((x) => x.center.y < mrzTop)
    )
    const [boxes, mrz, values] = await Promise.all([
      detected,
      readMrzLines(page, mrzBoxes, { rec: this.rec, cls: upright ? null : this.cls, glyphs: this.glyphs }, familyOf),
      upright ? detected.then((b) => this.readValueLines(page, b)) : null
    ])
    // A data page has its fields above the MRZ; a page taken the wrong way up has none there.
    const score = mrz.score + (boxes.length >= MIN_FIELD_LINES ? 1 : 0)
    return { page, boxes, mrzBoxes, mrz, corners, score, values }
  }

  /**
   * Text lines of the page's field area: right of the portrait (every label and value starts in the value
   * column) and above the MRZ, detected at the page detector's resolution.
   */
  private async detectValues(page: ImageView, rows: number): Promise<TextBox[]> {
    // An MRZ found near the page's top (a wrong way up) leaves no field area to look at.
    if (rows < MIN_FIELD_AREA_PX) return []
    // The area is straightened from the photo at the detector's own scale, not cut from a full-size page.
    const x0 = Math.round(P.valueAreaFromMm * P.pxPerMm)
    const s = P.detWidth / PAGE_W
    const w = Math.round((PAGE_W - x0) * s)
    const h = Math.round(rows * s)
    const areaToPage = Float64Array.from([1 / s, 0, x0, 0, 1 / s, 0, 0, 0, 1])
    const area = warpPerspective(page.image, composeHomography(page.toImage, areaToPage), w, h)
    const boxes = await this.det.run(area, Math.max(w, h), config.pageDet)
    return boxes.map((b) => rectBox({ x: x0 + b.center.x / s, y: b.center.y / s }, b.dir, b.long / s, b.short / s, b.score))
  }

  private async readLines(page: ImageView, boxes: readonly TextBox[]): Promise<PageLine[]> {
    const decoded = await this.rec.run(boxes.map((b) => cropLine(page, b)))
    return boxes.map((box, i) => ({ quad: box.quad, box, text: normalizeText(decoded[i].text), prob: decoded[i].prob, line: decoded[i] }))
  }

  /** The field area's lines that are not labels, read; the labels are left for later, should a field be missing. */
  private async readValueLines(page: ImageView, boxes: readonly TextBox[]): Promise<ValueLines> {
    const labels = likelyLabels(boxes)
    return {
      labels,
      lines: await this.readLines(
        page,
        boxes.filter((b) => !labels.has(b))
      )
    }
  }

  private async finish(read: PageRead, rgb: Raster, opts: RecognizeOptions): Promise<PassportResponse> {
    // 6. Let the page's knowledge decide which value is which field; when a printed field is still missing, the
    //    guess about labels may have been wrong: read them too.
    const { labels, lines: values } = read.values ?? (await this.readValueLines(read.page, read.boxes))
    let lines = values
    // A Chinese family's page is read with what it is known to print; any other state's from its MRZ. An MRZ
    // too garbled to name any state leaves the family to the page's own words.
    const mrz = { ...read.mrz, rules: read.mrz.rules && familyByPage(read.mrz.rules, read.mrz.line1, read.mrz.line2, lines) }
    const page = mrz.rules?.page ?? null
    // Each line is looked over for marks once, however often the fields are assigned.
    const seen = new Map<PageLine, ReturnType<typeof lineMarks>>()
    const marksOf = (l: PageLine): ReturnType<typeof lineMarks> => {
      if (!seen.has(l)) seen.set(l, lineMarks(read.page, l))
      return seen.get(l)!
    }
    const assign = (l: PageLine[]): FieldReads => (page ? assignFields(l, mrz, page) : foreignFields(l, mrz, marksOf))
    let fields = assign(lines)
    const printed = page ? PRINTED_ONLY.filter((k) => k !== 'issuePlace' || page.printsIssuePlace) : []
    // Another state's captions are what its printed-only fields are found by: they are read too. So are the
    // labels where a value the MRZ gave was not found in print to check it by.
    const unchecked = page !== null && CROSS_CHECKED.some((k) => fields[k].value !== '' && fields[k].printed === undefined)
    if (labels.size > 0 && (page === null || unchecked || printed.some((k) => fields[k].value === ''))) {
      lines = [...lines, ...(await this.readLines(read.page, [...labels]))]
      fields = assign(lines)
    }
    const toImage = (q: readonly Point[]): Point[] => q.map((p) => applyHomography(read.page.toImage, p))
    return buildResponse({
      fields,
      charConfidence: charConfidence(fields, lines, mrz),
      mrz,
      corners: read.corners,
      toImage,
      pageSize: { width: PAGE_W, height: PAGE_H },
      orgSize: { width: rgb.width, height: rgb.height },
      algoVersion: this.algoVersion,
      outputFigure: opts.outputFigure ?? false,
      today: opts.today ?? new Date()
    })
  }
}

/** Fields that only the printed zone carries: missing one means a line may have been skipped. */
const PRINTED_ONLY: readonly FieldKey[] = ['name', 'birthPlace', 'issuePlace', 'issueAuthority', 'issueDate', 'nationality']

interface PageRead {
  page: ImageView
  boxes: TextBox[]
  mrzBoxes: TextBox[]
  mrz: MrzRead<FamilyRules>
  corners: Quad
  /** The MRZ read's score, and a point for field text above it: the likelier reading of the page. */
  score: number
  /** The value lines, when they were read with the MRZ (a page known to be this way up). */
  values: ValueLines | null
}

interface ValueLines {
  labels: Set<TextBox>
  lines: PageLine[]
}

/**
 * The page's corners in the image: edges searched in a frame straightened by the MRZ, then, when they lie far
 * from where that frame put them (strong perspective), searched again in the frame the first search gives.
 */
function locatePage(rgb: Raster, pair: MrzPair, coarse: readonly TextBox[]): Quad {
  let mmToImage = homographyFromMrz(pair, viewOf(rgb))
  let corners: Quad = pageCornersMm() as Quad
  for (let pass = 0; pass < P.edgePasses; pass++) {
    const ink = inkBounds(coarse, [pair.upper, pair.lower], invertHomography(mmToImage))
    const found = findPageCorners(rgb, mmToImage, ink)
    corners = cornersToImage(found, mmToImage) as Quad
    const moved = Math.max(...found.map((p, i) => distance(p, pageCornersMm()[i])))
    if (moved < P.edgeRefineMm) break
    mmToImage = homographyFromPoints(pageCornersMm(), corners)
  }
  return corners
}

/** On the straight page both MRZ lines span the same width: a line detected short takes the other's extent. */
function sameExtent([a, b]: TextBox[]): TextBox[] {
  const [long, short] = a.long >= b.long ? [a, b] : [b, a]
  if (short.long >= long.long * 0.95) return [a, b]
  const widened = rectBox(
    { x: long.center.x, y: short.center.y + (long.center.x - short.center.x) * short.dir.y },
    long.dir,
    long.long,
    short.short,
    short.score
  )
  return a === short ? [widened, b] : [a, widened]
}

/** A detected box carried through a homography (its centre, direction and size). */
function toPage(b: TextBox, h: Homography): TextBox {
  const [q0, q1, , q3] = b.quad.map((p) => applyHomography(h, p))
  const center = applyHomography(h, b.center)
  const long = Math.hypot(q1.x - q0.x, q1.y - q0.y)
  const short = Math.hypot(q3.x - q0.x, q3.y - q0.y)
  return rectBox(center, { x: (q1.x - q0.x) / long, y: (q1.y - q0.y) / long }, long, short, b.score)
}

/** A line's crop for the recogniser, with a little room around the detected box. */
export function cropLine(page: ImageView, b: TextBox): Raster {
  const padX = b.short * R.cropPadX
  const padY = b.short * R.cropPadY
  const [p0, p1, p2, p3] = b.quad
  const u = b.dir
  const n = { x: -u.y, y: u.x }
  const move = (p: Point, a: number, c: number): Point => ({ x: p.x + u.x * a + n.x * c, y: p.y + u.y * a + n.y * c })
  return cropQuad(page, [move(p0, -padX, -padY), move(p1, padX, -padY), move(p2, padX, padY), move(p3, -padX, padY)], R.imgH, R.maxImgW)
}

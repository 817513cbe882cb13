import { XMLParser } from 'fast-xml-parser'
import { AppError } from '../../../shared/domain/errors'
import type { ScanInput, ScanMode } from '../scan-source'

/** What one input (glass or feeder) offers, from ScannerCapabilities. */
export interface EsclInputCaps {
  /** Largest window, in eSCL's unit (1/300 inch). */
  maxWidth: number
  maxHeight: number
  resolutions: number[]
  colorModes: string[]
  formats: string[]
}

/** What the device says it can do. */
export interface EsclCapabilities {
  makeAndModel: string
  inputs: Partial<Record<ScanInput, EsclInputCaps>>
}

/** What the device says it is doing. */
export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  state: string
  /** scan:AdfState when the device has a feeder (ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, …). */
  adfState: string | null
}

/** The job a client asks for, in eSCL's terms. */
export interface EsclJobSettings {
  input: ScanInput
  colorMode: string
  resolution: number
  format: string
  width: number
  height: number
}

// Namespaces dropped: devices use pwg:, scan: and their own prefixes inconsistently for the same elements.
const parser = new XMLParser({ removeNSPrefix: true, isArray: (name) => LISTS.has(name), parseTagValue: true })
const LISTS = new Set(['ColorMode', 'DocumentFormat', 'DocumentFormatExt', 'DiscreteResolution', 'SettingProfile'])

type Node = Record<string, unknown>
const node = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {})
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])

function parse(xml: string, root: string): Node {
  let doc: Node
  try {
    doc = node(parser.parse(xml))
  } catch (err) {
    throw new AppError('SCANNER_FAILED', `the scanner's ${root} is not XML: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!(root in doc)) throw new AppError('SCANNER_FAILED', `the scanner sent no ${root}`)
  return node(doc[root])
}

function inputCaps(caps: Node): EsclInputCaps {
  const profiles = list(node(caps.SettingProfiles).SettingProfile).map(node)
  const resolutions = new Set<number>()
  const colorModes = new Set<string>()
  const formats = new Set<string>()
  for (const p of profiles) {
    for (const r of list(node(node(p.SupportedResolutions).DiscreteResolutions).DiscreteResolution)) {
      const x = Number(node(r).XResolution)
      if (Number.isFinite(x) && x > 0) resolutions.add(x)
    }
    for (const m of list(node(p.ColorModes).ColorMode)) colorModes.add(String(m))
    const f = node(p.DocumentFormats)
    for (const d of [...list(f.DocumentFormat), ...list(f.DocumentFormatExt)]) formats.add(String(d))
  }
  return {
    maxWidth: Number(caps.MaxWidth) || 2550,
    maxHeight: Number(caps.MaxHeight) || 3508,
    resolutions: [...resolutions].sort((a, b) => a - b),
    colorModes: [...colorModes],
    formats: [...formats]
  }
}

/** Read ScannerCapabilities: the glass and the simplex feeder, each with its resolutions, modes and formats. */
export function parseCapabilities(xml: string): EsclCapabilities {
  const c = parse(xml, 'ScannerCapabilities')
  const inputs: EsclCapabilities['inputs'] = {}
  const platen = node(node(c.Platen).PlatenInputCaps)
  if (Object.keys(platen).length > 0) inputs.flatbed = inputCaps(platen)
  const adf = node(node(c.Adf).AdfSimplexInputCaps)
  if (Object.keys(adf).length > 0) inputs.feeder = inputCaps(adf)
  return { makeAndModel: String(c.MakeAndModel ?? 'eSCL scanner'), inputs }
}

/** Read ScannerStatus. */
export function parseStatus(xml: string): EsclStatus {
  const s = parse(xml, 'ScannerStatus')
  return { state: String(s.State ?? ''), adfState: s.AdfState === undefined ? null : String(s.AdfState) }
}

/** eSCL's colour mode for ours, among those offered (RGB24 / Grayscale8 on every device seen). */
export function colorModeFor(mode: ScanMode, offered: string[]): string | null {
  const wanted = mode === 'color' ? ['RGB24', 'RGB48'] : ['Grayscale8', 'Grayscale16']
  return wanted.find((m) => offered.includes(m)) ?? null
}

/** The ScanSettings document of a job: the whole window of the input, at one resolution. */
export function scanSettingsXml(s: EsclJobSettings): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm" xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03">
<pwg:Version>2.0</pwg:Version>
<pwg:ScanRegions><pwg:ScanRegion>
<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
<pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>
<pwg:Width>${s.width}</pwg:Width><pwg:Height>${s.height}</pwg:Height>
</pwg:ScanRegion></pwg:ScanRegions>
<pwg:InputSource>${s.input === 'feeder' ? 'Feeder' : 'Platen'}</pwg:InputSource>
<scan:ColorMode>${s.colorMode}</scan:ColorMode>
<scan:XResolution>${s.resolution}</scan:XResolution><scan:YResolution>${s.resolution}</scan:YResolution>
<pwg:DocumentFormat>${s.format}</pwg:DocumentFormat>
<scan:DocumentFormatExt>${s.format}</scan:DocumentFormatExt>
</scan:ScanSettings>`
}

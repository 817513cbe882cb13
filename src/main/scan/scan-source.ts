/**
 * One interface for every scanner driver (eSCL, SANE, WIA): list the devices, scan pages. Pages are image files in
 * memory; the caller hands them to the import pipeline or to the engine, as it does with files from disk.
 */

import type { ScannerInfo } from '../../shared/contract'

/** A device a source found or was told about. `id` names the source and the device: `escl:http://…/eSCL`, `sane:pnm:0`. */
export type ScanDevice = ScannerInfo

/** The drivers the workstation speaks. */
export type ScanSourceName = ScannerInfo['source']

/** Colour or grey. */
export type ScanMode = 'color' | 'gray'

/** Where the paper is: the glass or the document feeder (every page it holds). */
export type ScanInput = 'flatbed' | 'feeder'

/** What the operator or the command line asked for. `options` are passed to the device as they are (SANE's names). */
export interface ScanSettings {
  resolution: number
  mode: ScanMode
  input: ScanInput
  options: Record<string, string>
}

/** One scanned page: an encoded image as a file would hold it. */
export interface ScannedPage {
  fileName: string
  bytes: Uint8Array
}

/** Told while a scan runs. */
export interface ScanProgress {
  /** Pages received so far. */
  pages: number
}

/** How a scan is watched and stopped. */
export interface ScanControl {
  signal?: AbortSignal
  onProgress?: (p: ScanProgress) => void
}

/** A driver. `scan` yields each page as soon as it is received; leaving the loop early cancels the job. */
export interface ScanSource {
  readonly name: ScanSourceName
  list(): Promise<ScanDevice[]>
  scan(deviceId: string, settings: ScanSettings, control?: ScanControl): AsyncIterable<ScannedPage>
}

/** 300 dpi colour from the glass: what a passport data page needs (the engine's text height at that size). */
export const DEFAULT_SCAN_SETTINGS: ScanSettings = { resolution: 300, mode: 'color', input: 'flatbed', options: {} }

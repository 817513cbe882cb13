import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../../shared/domain/errors'
import type { ErrorCode } from '../../../shared/domain/errors'
import { scanConfig } from '../scan-config'
import type { ScanControl, ScanDevice, ScannedPage, ScanSettings, ScanSource } from '../scan-source'
import { WIA_SCRIPT } from './wia-script'

/** How the helper is run: PowerShell with our script by default; the tests give a stand-in speaking the same lines. */
export interface WiaSourceOptions {
  command?: string
  /** Arguments before the helper's own (`list` / `scan …`); by default PowerShell's, ending in `-File SCRIPT`. */
  prefix?: (scriptFile: string) => string[]
}

// WIA's HRESULTs (wia_lh.h) that mean something to the operator.
const WIA_ERRORS: Record<string, [ErrorCode, string]> = {
  '0x80210002': ['SCANNER_JAMMED', 'paper is jammed in the scanner: clear it and scan again'],
  '0x80210003': ['SCANNER_NO_DOCUMENT', 'there is no page to scan: load it and scan again'],
  '0x80210005': ['SCANNER_UNREACHABLE', 'the scanner is offline'],
  '0x80210006': ['SCANNER_BUSY', 'the scanner is busy: try again when it is free'],
  '0x80210007': ['SCANNER_BUSY', 'the scanner is warming up: try again in a moment'],
  '0x8021000A': ['SCANNER_UNREACHABLE', 'the scanner stopped answering'],
  '0x80210015': ['SCANNER_UNREACHABLE', 'the scanner is not connected'],
  '0x80210016': ['SCANNER_COVER_OPEN', "the scanner's cover is open: close it and scan again"],
  NOT_FOUND: ['SCANNER_NOT_FOUND', 'Windows has no such scanner']
}

const POWERSHELL = (script: string): string[] => ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script]

/** Windows scanners through WIA, flatbed only (the feeder's WIA properties differ from driver to driver). */
export class WiaSource implements ScanSource {
  readonly name = 'wia' as const
  private readonly command: string
  private readonly prefix: (scriptFile: string) => string[]

  constructor(options: WiaSourceOptions = {}) {
    this.command = options.command ?? 'powershell.exe'
    this.prefix = options.prefix ?? POWERSHELL
  }

  async list(): Promise<ScanDevice[]> {
    const { stdout } = await this.helper(['list'], scanConfig.wia.listTimeoutMs)
    return lines(stdout).map((l) => ({ id: `wia:${String(l.id)}`, name: String(l.name ?? l.id), source: 'wia' as const }))
  }

  async *scan(deviceId: string, settings: ScanSettings, control: ScanControl = {}): AsyncGenerator<ScannedPage> {
    if (!deviceId.startsWith('wia:')) throw new AppError('SCANNER_NOT_FOUND', `${deviceId} is not a WIA device id`)
    if (settings.input !== 'flatbed') throw new AppError('INVALID_REQUEST', 'WIA scanning here is from the glass only')
    if (Object.keys(settings.options).length > 0) throw new AppError('INVALID_REQUEST', 'WIA takes no device options here')
    const dir = await mkdtemp(join(tmpdir(), 'prw-wia-'))
    try {
      const out = join(dir, 'page-1.png')
      const intent = settings.mode === 'gray' ? '2' : '1'
      await this.helper(['scan', deviceId.slice('wia:'.length), String(settings.resolution), intent, out], scanConfig.wia.scanTimeoutMs, control.signal)
      const bytes = await readFile(out).catch(() => {
        throw new AppError('SCANNER_FAILED', 'the WIA helper reported a scan but wrote no image')
      })
      control.onProgress?.({ pages: 1 })
      yield { fileName: `scan-${new Date().toISOString().replace(/[:.]/g, '-')}-1.png`, bytes }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  private async helper(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<{ stdout: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'prw-wia-script-'))
    const script = join(dir, 'wia.ps1')
    await writeFile(script, WIA_SCRIPT)
    try {
      return await new Promise((resolve, reject) => {
        execFile(this.command, [...this.prefix(script), ...args], { timeout: timeoutMs, signal, windowsHide: true }, (err, stdout) => {
          if (!err) return resolve({ stdout })
          if (signal?.aborted) return reject(new AppError('CANCELLED', 'the scan was cancelled'))
          const reported = lines(stdout).find((l) => typeof l.error === 'string')
          if (reported) {
            const known = WIA_ERRORS[String(reported.error)]
            return reject(known ? new AppError(known[0], known[1]) : new AppError('SCANNER_FAILED', `WIA ${String(reported.error)}: ${String(reported.message)}`))
          }
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new AppError('SCANNER_UNREACHABLE', `${this.command} is not available`))
          reject(new AppError('SCANNER_FAILED', `the WIA helper failed: ${err.message}`))
        })
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

function lines(stdout: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const l of stdout.split(/\r?\n/)) {
    if (!l.trim().startsWith('{')) continue
    try {
      out.push(JSON.parse(l) as Record<string, unknown>)
    } catch {
      // A line PowerShell printed that is not ours (a warning); our lines are whole JSON objects.
    }
  }
  return out
}

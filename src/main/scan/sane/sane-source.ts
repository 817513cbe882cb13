import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../../shared/domain/errors'
import { scanConfig } from '../scan-config'
import type { ScanControl, ScanDevice, ScannedPage, ScanSettings, ScanSource } from '../scan-source'
import { parseSaneOptions, saneAccepts, saneModeValue, saneSourceValue } from './sane-options'
import type { SaneOption } from './sane-options'
import { saneExitError } from './sane-status'

/** How scanimage is found and run (the tests give SANE_CONFIG_DIR, or a stand-in program). */
export interface SaneSourceOptions {
  command?: string
  env?: NodeJS.ProcessEnv
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

const PAGE = /^page-(\d+)\.png$/
// scanimage's geometry options are single letters; everything else the device lists is `--name`.
const GEOMETRY = new Set(['l', 't', 'x', 'y'])

/**
 * SANE through its own command-line frontend, one process per call: a driver that crashes takes only scanimage down.
 * Devices from `-f`, their options from `-A`, each scan's outcome from the exit status (a SANE_Status). Pages are
 * written by scanimage into a private temporary folder, as `.part` files renamed when whole, and read only after it
 * exits; the folder is removed whatever happened.
 */
export class SaneSource implements ScanSource {
  readonly name = 'sane' as const
  private readonly command: string
  private readonly env: NodeJS.ProcessEnv

  constructor(options: SaneSourceOptions = {}) {
    this.command = options.command ?? 'scanimage'
    this.env = options.env ?? process.env
  }

  /** Every device SANE finds; none (not an error) when scanimage is not installed. */
  async list(): Promise<ScanDevice[]> {
    let r: Run
    try {
      r = await this.run(['-f', '%d\t%v %m%n'], scanConfig.sane.listTimeoutMs)
    } catch (err) {
      if (err instanceof AppError && err.code === 'SCANNER_UNREACHABLE') return []
      throw err
    }
    if (r.code !== 0) throw saneExitError(r.code, r.signal, r.stderr)
    return r.stdout
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => {
        const [device, name] = l.split('\t')
        return { id: `sane:${device}`, name: name.trim() || device, source: 'sane' as const }
      })
  }

  /** The options a device lists, by name without dashes. */
  async options(device: string, signal?: AbortSignal): Promise<Map<string, SaneOption>> {
    const r = await this.run(['-d', device, '-A'], scanConfig.sane.listTimeoutMs, signal)
    if (r.code !== 0) throw openError(device, r)
    return parseSaneOptions(r.stdout)
  }

  async *scan(deviceId: string, settings: ScanSettings, control: ScanControl = {}): AsyncGenerator<ScannedPage> {
    if (!deviceId.startsWith('sane:')) throw new AppError('SCANNER_NOT_FOUND', `${deviceId} is not a SANE device id`)
    const device = deviceId.slice('sane:'.length)
    const args = ['-d', device, ...deviceArgs(settings, await this.options(device, control.signal)), '--format=png']
    const dir = await mkdtemp(join(tmpdir(), 'prw-sane-'))
    try {
      const feeder = settings.input === 'feeder'
      args.push(...(feeder ? [`--batch=${join(dir, 'page-%d.png')}`] : ['-o', join(dir, 'page-1.png')]))
      const r = await this.run(args, scanConfig.sane.scanTimeoutMs, control.signal, (line) => {
        const m = /^Scanned page (\d+)/.exec(line)
        if (m) control.onProgress?.({ pages: Number(m[1]) })
      })
      // A crash leaves nothing: not even the pages it finished (all or nothing for a run that did not end itself).
      if (r.signal) throw saneExitError(r.code, r.signal, r.stderr)
      const names = (await readdir(dir))
        .filter((n) => PAGE.test(n))
        .sort((a, b) => Number(PAGE.exec(a)?.[1]) - Number(PAGE.exec(b)?.[1]))
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      for (const [i, n] of names.entries()) yield { fileName: `scan-${stamp}-${i + 1}.png`, bytes: await readFile(join(dir, n)) }
      // A feeder that stops with a status after some pages (a jam) delivered those pages whole; then its error.
      if (r.code !== 0 && !(feeder && names.length > 0 && r.code === 7)) throw saneExitError(r.code, r.signal, r.stderr)
      if (names.length === 0) throw new AppError('SCANNER_NO_DOCUMENT', 'the scanner delivered no page')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  private run(args: string[], timeoutMs: number, signal?: AbortSignal, onStderrLine?: (line: string) => void): Promise<Run> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AppError('CANCELLED', 'the scan was cancelled'))
      const child = spawn(this.command, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      let ended: AppError | null = null
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d
        if (onStderrLine) for (const l of d.split('\n')) onStderrLine(l)
      })
      // scanimage cancels the scan on SIGTERM (sane_cancel) and exits; SIGKILL if it does not.
      const stop = (why: AppError): void => {
        ended = why
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      }
      const timer = setTimeout(() => stop(new AppError('TIMEOUT', `scanimage took over ${timeoutMs / 1000} s`)), timeoutMs)
      const onAbort = (): void => stop(new AppError('CANCELLED', 'the scan was cancelled'))
      signal?.addEventListener('abort', onAbort, { once: true })
      child.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        reject(
          err.code === 'ENOENT'
            ? new AppError('SCANNER_UNREACHABLE', `${this.command} is not installed (Debian: apt-get install sane-utils)`)
            : err
        )
      })
      child.on('close', (code, sig) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (ended) reject(ended)
        else resolve({ code, signal: sig, stdout, stderr })
      })
    })
  }
}

function openError(device: string, r: Run): AppError {
  if (/open of device .* failed/.test(r.stderr)) return new AppError('SCANNER_NOT_FOUND', `SANE has no device ${device}`)
  return saneExitError(r.code, r.signal, r.stderr)
}

/** scanimage arguments for our settings and the pass-through options, each checked against what the device lists. */
export function deviceArgs(settings: ScanSettings, options: Map<string, SaneOption>): string[] {
  const args: string[] = []
  const set = (name: string, value: string): void => {
    // An option listed as inactive may be made active by one set before it (test's read-limit-size by read-limit):
    // scanimage sets them in order and refuses what is still inactive (status 4, INVALID_REQUEST).
    const option = options.get(name)
    if (!option) throw new AppError('INVALID_REQUEST', `this scanner has no setting ${name}`)
    if (!saneAccepts(option, value))
      throw new AppError('INVALID_REQUEST', `this scanner does not take ${name}=${value}${option.values ? ` (it takes ${option.values.join(', ')})` : ''}`)
    args.push(...(GEOMETRY.has(name) ? [option.flag, value] : [`${option.flag}=${value}`]))
  }
  set('resolution', String(settings.resolution))
  const modeOption = options.get('mode')
  if (modeOption) {
    const mode = saneModeValue(modeOption, settings.mode)
    if (!mode) throw new AppError('INVALID_REQUEST', `this scanner does not scan in ${settings.mode}`)
    set('mode', mode)
  } else if (settings.mode !== 'color') throw new AppError('INVALID_REQUEST', 'this scanner has no colour mode setting')
  const sourceOption = options.get('source')
  const source = saneSourceValue(sourceOption, settings.input)
  if (source) set('source', source)
  else if (settings.input === 'feeder' || sourceOption) throw new AppError('INVALID_REQUEST', `this scanner has no ${settings.input}`)
  for (const [name, value] of Object.entries(settings.options)) set(name, value)
  return args
}

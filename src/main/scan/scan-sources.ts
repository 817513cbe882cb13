import { AppError } from '../../shared/domain/errors'
import { EsclSource } from './escl/escl-source'
import { SaneSource } from './sane/sane-source'
import type { ScanDevice, ScanSource } from './scan-source'
import { WiaSource } from './wia/wia-source'

/** The drivers this system has: eSCL everywhere, SANE where scanimage runs (Linux, BSD, macOS), WIA on Windows. */
export function systemScanSources(platform: NodeJS.Platform = process.platform): ScanSource[] {
  return platform === 'win32' ? [new EsclSource(), new WiaSource()] : [new EsclSource(), new SaneSource()]
}

/** Every device every source finds; one source failing does not hide the others' devices. */
export async function listScanners(sources: readonly ScanSource[]): Promise<{ devices: ScanDevice[]; errors: AppError[] }> {
  const results = await Promise.allSettled(sources.map((s) => s.list()))
  const devices: ScanDevice[] = []
  const errors: AppError[] = []
  for (const r of results) {
    if (r.status === 'fulfilled') devices.push(...r.value)
    else errors.push(r.reason instanceof AppError ? r.reason : new AppError('SCANNER_FAILED', String(r.reason)))
  }
  return { devices, errors }
}

/** The source a device id belongs to (`escl:…`, `sane:…`, `wia:…`). */
export function sourceFor(sources: readonly ScanSource[], deviceId: string): ScanSource {
  const source = sources.find((s) => deviceId.startsWith(`${s.name}:`))
  if (!source) throw new AppError('SCANNER_NOT_FOUND', `${deviceId} names no scanner source here (${sources.map((s) => `${s.name}:…`).join(', ')})`)
  return source
}

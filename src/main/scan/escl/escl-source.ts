import { AppError } from '../../../shared/domain/errors'
import type { ScanControl, ScanDevice, ScannedPage, ScanSettings, ScanSource } from '../scan-source'
import { EsclClient } from './escl-client'
import type { EsclTimings } from './escl-client'
import { discoverEscl } from './escl-discovery'

/** eSCL devices: those DNS-SD finds, and any address given as `escl:http(s)://HOST[:PORT]/ROOT`. */
export class EsclSource implements ScanSource {
  readonly name = 'escl' as const

  constructor(
    private readonly options: { discover?: () => Promise<ScanDevice[]>; timings?: EsclTimings } = {}
  ) {}

  list(): Promise<ScanDevice[]> {
    return (this.options.discover ?? discoverEscl)()
  }

  async *scan(deviceId: string, settings: ScanSettings, control?: ScanControl): AsyncGenerator<ScannedPage> {
    if (!deviceId.startsWith('escl:')) throw new AppError('SCANNER_NOT_FOUND', `${deviceId} is not an eSCL device id`)
    yield* new EsclClient(deviceId.slice('escl:'.length), this.options.timings).scan(settings, control)
  }
}

import electronFuses from '@electron/fuses'
// The package's main module does not re-export its FuseState constants.
import fuseConstants from '@electron/fuses/dist/constants.js'

// CommonJS modules whose named exports Node's ESM loader cannot see.
const { FuseV1Options } = electronFuses
const { FuseState } = fuseConstants

/** electron-builder.yml's `electronFuses` keys are the FuseV1Options names with a lower-case first letter. */
const configKey = (option: string): string => option[0].toLowerCase() + option.slice(1)

const STATE: Partial<Record<number, string>> = {
  [FuseState.ENABLE]: 'enabled',
  [FuseState.DISABLE]: 'disabled',
  [FuseState.REMOVED]: 'removed',
  [FuseState.INHERIT]: 'inherited'
}

/** One fuse as declared and as read back from the packaged binary. */
export interface FuseCheck {
  fuse: string
  declared: boolean | undefined
  actual: string
  ok: boolean
}

/**
 * Compare the fuse wire read from the binary (`getCurrentFuseWire`) with the declared fuses: every fuse the binary has
 * must be declared (a new Electron's new fuse is noticed), and each must be in the declared state.
 */
export function checkFuses(declared: Record<string, boolean | undefined>, wire: Partial<Record<number, number>>): FuseCheck[] {
  const checks: FuseCheck[] = []
  for (const [name, index] of Object.entries(FuseV1Options)) {
    if (typeof index !== 'number' || wire[index] === undefined) continue
    const key = configKey(name)
    const actual = STATE[wire[index] as number] ?? `unknown state ${wire[index]}`
    const want = declared[key]
    checks.push({ fuse: key, declared: want, actual, ok: want !== undefined && actual === (want ? 'enabled' : 'disabled') })
  }
  for (const key of Object.keys(declared))
    if (!checks.some((c) => c.fuse === key)) checks.push({ fuse: key, declared: declared[key], actual: 'not in the binary', ok: false })
  return checks
}

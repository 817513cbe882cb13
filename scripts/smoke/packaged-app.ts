import { join } from 'node:path'

/** Names electron-builder gives the app: `productName` (Windows and macOS files) and package.json `name` (Linux). */
export interface AppNames {
  productName: string
  packageName: string
}

/**
 * Where `electron-builder` leaves the unpacked app of this system in `release/`, most likely first: the executable
 * to start, and what `@electron/fuses` reads (the `.app` bundle on macOS, the executable elsewhere).
 */
export function unpackedAppCandidates(
  releaseDir: string,
  platform: NodeJS.Platform,
  arch: string,
  names: AppNames
): { executable: string; fuseTarget: string }[] {
  const suffix = arch === 'x64' ? '' : `-${arch}`
  if (platform === 'win32') {
    const exe = join(releaseDir, `win${suffix}-unpacked`, `${names.productName}.exe`)
    return [{ executable: exe, fuseTarget: exe }]
  }
  if (platform === 'darwin') {
    return [`mac${suffix}`, 'mac', 'mac-universal'].map((dir) => {
      const app = join(releaseDir, dir, `${names.productName}.app`)
      return { executable: join(app, 'Contents', 'MacOS', names.productName), fuseTarget: app }
    })
  }
  const exe = join(releaseDir, `linux${suffix}-unpacked`, names.packageName)
  return [{ executable: exe, fuseTarget: exe }]
}

/** The DevTools endpoint Chromium prints on stderr when started with `--remote-debugging-port`. */
export function devtoolsEndpoint(stderr: string): string | null {
  return /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/[\w-]+)/.exec(stderr)?.[1] ?? null
}

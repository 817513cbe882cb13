import { extname, isAbsolute, resolve } from 'node:path'
import { IMAGE_EXTENSIONS } from '../ingest/image-type'

/**
 * The images a start of the app was asked to open (the installers' file associations: "Open with" in the file
 * manager), from its command line: Chromium switches and the app path of a development start are not files, and
 * anything that is not an image the importer takes is left alone.
 */
export function openedImagePaths(argv: readonly string[], isPackaged: boolean, cwd: string): string[] {
  // A packaged app is [exe, ...args]; `electron out/main/index.js ...` has the app's own path first.
  return argv
    .slice(isPackaged ? 1 : 2)
    .filter((a) => !a.startsWith('-') && (IMAGE_EXTENSIONS as readonly string[]).includes(extname(a).toLowerCase()))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)))
}

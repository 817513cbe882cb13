import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { config } from '../recognition/config'
import { IMAGE_EXTENSIONS } from './image-type'

/** A file ready to import. */
export interface ImportFile {
  fileName: string
  bytes: Uint8Array
}

/** A path that could not be read, with why. */
export interface ImportFailure {
  fileName: string
  error: AppError
}

// Folder imports stop here: a mistaken drop of a whole drive should not queue a million files.
const MAX_FILES_PER_IMPORT = 5000

const isImageName = (name: string): boolean => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())

/** Expand folders (recursively, images only, sorted by name) and keep files as given. */
export async function expandPaths(paths: string[]): Promise<{ files: string[]; failed: ImportFailure[] }> {
  const files: string[] = []
  const failed: ImportFailure[] = []
  const walk = async (p: string, explicit: boolean): Promise<void> => {
    if (files.length >= MAX_FILES_PER_IMPORT) return
    const s = await stat(p).catch(() => null)
    if (!s) failed.push({ fileName: basename(p), error: new AppError('FILE_NOT_FOUND', `${p} does not exist or cannot be read`) })
    else if (s.isDirectory()) {
      const entries = (await readdir(p)).filter((e) => !e.startsWith('.')).sort()
      for (const e of entries) await walk(join(p, e), false)
    } else if (s.isFile() && (explicit || isImageName(p))) files.push(p)
  }
  for (const p of paths) await walk(p, true)
  return { files, failed }
}

/** Read one file, refusing what the engine would refuse anyway before it takes space in the store. */
export async function readImportFile(path: string): Promise<ImportFile> {
  const s = await stat(path).catch(() => null)
  if (!s?.isFile()) throw new AppError('FILE_NOT_FOUND', `${path} does not exist or cannot be read`)
  if (s.size > config.limits.maxFileBytes)
    throw new AppError('FILE_TOO_LARGE', `${basename(path)} is larger than ${config.limits.maxFileBytes} bytes`)
  return { fileName: basename(path), bytes: await readFile(path) }
}

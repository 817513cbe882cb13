import type { ImportReport, RequestOf } from '../../../../shared/contract'
import { t } from '../../i18n'
import { call } from '../../lib/api'
import { notify } from '../../lib/notify'

/** Where the files come from, as the import records it. */
type ImportSource = NonNullable<RequestOf<'documents:importFiles'>['source']>

// Files per request: keeps each HTTP body (base64 images) well under the server's limit and the UI responsive.
const CHUNK = 8

/** Inside a folder only images are imported (a file picked or dropped on its own is sent as is, and refused if need be). */
export const isImageName = (name: string): boolean => /\.(jpe?g|png|webp|tiff?|bmp|gif|pdf|heic|heif)$/i.test(name)

/** Read dropped items, descending into folders (the browser's entry API), images only for folder contents. */
export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const out: File[] = []
  const entries: FileSystemEntry[] = []
  for (const item of data.items) {
    if (item.kind !== 'file') continue
    // Items without an entry (a script-built DataTransfer, some platforms) still carry the file itself.
    const entry = item.webkitGetAsEntry()
    const file = entry ? null : item.getAsFile()
    if (entry) entries.push(entry)
    else if (file) out.push(file)
  }
  const walk = async (entry: FileSystemEntry, explicit: boolean): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
      if (explicit || isImageName(file.name)) out.push(file)
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader()
      // readEntries returns at most ~100 entries per call: read until empty.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
        if (batch.length === 0) break
        for (const e of batch) await walk(e, false)
      }
    }
  }
  for (const e of entries) await walk(e, true)
  return out
}

/** Send files to main in chunks and merge the reports. */
export async function importFiles(files: readonly File[], source: ImportSource = 'import'): Promise<ImportReport> {
  const total: ImportReport = { imported: [], duplicates: [], failed: [] }
  for (let i = 0; i < files.length; i += CHUNK) {
    const chunk = await Promise.all(
      files.slice(i, i + CHUNK).map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
    )
    const r = await call('documents:importFiles', { files: chunk, source })
    total.imported.push(...r.imported)
    total.duplicates.push(...r.duplicates)
    total.failed.push(...r.failed)
  }
  return total
}

/** Import and tell the operator what happened, failures file by file. */
export async function importAndReport(files: readonly File[], source: ImportSource = 'import'): Promise<ImportReport> {
  const r = await importFiles(files, source)
  notify(t('imported', { n: r.imported.length, d: r.duplicates.length, f: r.failed.length }), r.failed.length ? 'error' : 'info')
  for (const f of r.failed) notify(`${f.fileName}: ${f.error.code} ${f.error.message}`, 'error')
  return r
}

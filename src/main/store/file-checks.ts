import { closeSync, openSync, readSync, statSync } from 'node:fs'

// The file formats' own constants (https://www.sqlite.org/fileformat2.html).
const HEADER = Buffer.from('SQLite format 3\0', 'latin1')
const HEADER_BYTES = 100
const WAL_MAGICS = [0x377f0682, 0x377f0683]
const WAL_HEADER_BYTES = 32

/** Whether a file starts with SQLite's clear-text header: a database from before encryption. */
export function isPlaintextDatabase(file: string): boolean {
  return readHead(file, HEADER.length).equals(HEADER)
}

/**
 * What is wrong with a database file before SQLite opens it, or null. SQLite itself would take a zero-length file
 * for a new database and may read a truncated one as zeros; these checks say so instead. An encrypted file keeps
 * only bytes 16 to 23 of its header in clear (page size and reserved bytes, which SQLite needs before decrypting):
 * its size and page size are checked here, the rest by the cipher's authentication of every page.
 */
export function fileProblem(file: string): string | null {
  const size = statSync(file).size
  if (size === 0) return 'it is empty (zero bytes)'
  const head = readHead(file, HEADER_BYTES)
  if (head.length < HEADER_BYTES) return 'it is not a SQLite database (shorter than its header)'
  const encrypted = !head.subarray(0, HEADER.length).equals(HEADER)
  const raw = head.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    return encrypted
      ? 'it is not a SQLite database, clear or encrypted (no valid page size in its header)'
      : `its header is damaged (page size ${raw})`
  if (size % pageSize !== 0) return `it is truncated (${size} bytes is not a whole number of ${pageSize}-byte pages)`
  if (encrypted) return null
  // The page count in the header is only current when the change counter matches its version-valid-for number.
  const pages = head.readUInt32BE(28)
  if (head.readUInt32BE(24) === head.readUInt32BE(92) && pages * pageSize > size)
    return `it is truncated (${size} bytes, its header counts ${pages} pages of ${pageSize} bytes)`
  return null
}

/**
 * What is wrong with a write-ahead log, or null. Only a file that is no WAL at all is reported: a WAL whose frames
 * fail their checksums is the normal trace of a crash mid-commit, and SQLite rightly ignores those frames.
 */
export function walProblem(walFile: string): string | null {
  let size: number
  try {
    size = statSync(walFile).size
  } catch {
    return null
  }
  if (size === 0) return null
  const head = readHead(walFile, WAL_HEADER_BYTES)
  if (head.length < WAL_HEADER_BYTES || !WAL_MAGICS.includes(head.readUInt32BE(0)))
    return 'its write-ahead log (-wal) is not a SQLite WAL file'
  return null
}

function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

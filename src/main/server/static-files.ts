import { readFile, stat } from 'node:fs/promises'
import { extname, relative, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf'
}

/**
 * Map a URL path onto a file inside `root`, or null when it would leave it. Decoding happens first so that
 * `%2e%2e%2f` is caught like `../`; NUL bytes and backslashes are refused outright.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const base = resolve(root)
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  const rel = relative(base, target)
  if (rel.startsWith('..') || rel.split(sep).includes('..') || resolve(base, rel) !== target) return null
  return target
}

/** A static file's bytes and content type; `index.html` for the root and for unknown routes without an extension. */
export async function loadStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const path = urlPath === '/' || extname(urlPath) === '' ? '/index.html' : urlPath
  const file = resolveInside(root, path)
  if (!file) return null
  const s = await stat(file).catch(() => null)
  if (!s?.isFile()) return null
  return { body: await readFile(file), type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' }
}

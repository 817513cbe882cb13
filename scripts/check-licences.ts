// `npm run --silent check:licences`: fails when a production dependency (anything the app ships) is under a strong
// copyleft licence (GPL, AGPL), which a closed, distributed desktop app cannot ship without another licence. The tree
// is npm's own view (`npm query .prod`), each package's licence field read as an SPDX expression; LGPL passes (sharp's
// libvips and libheif-js are dynamically loaded, replaceable libraries).
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import parse from 'spdx-expression-parse'

/** One production package as npm lists it. */
export interface ProdPackage {
  name: string
  version: string
  license: string | undefined
}

const STRONG_COPYLEFT = /^A?GPL-/

/**
 * True when every way to take the package is under GPL or AGPL: `MIT OR GPL-3.0` can be taken as MIT, `MIT AND
 * GPL-3.0` cannot. A licence field that is missing or not SPDX counts too: nobody has checked what it allows.
 */
export function isStrongCopyleft(license: string | undefined): boolean {
  if (!license) return true
  let info: parse.Info
  try {
    info = parse(license)
  } catch {
    return true
  }
  const bound = (i: parse.Info): boolean => {
    if ('license' in i) return STRONG_COPYLEFT.test(i.license)
    return i.conjunction === 'or' ? bound(i.left) && bound(i.right) : bound(i.left) || bound(i.right)
  }
  return bound(info)
}

/** The project's production packages (dependencies, theirs, optional ones installed here), without the project. */
export function productionPackages(root: string): ProdPackage[] {
  const listed = JSON.parse(execFileSync('npm', ['query', '.prod'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })) as {
    name: string
    version: string
    license?: string | { type?: string }
    path: string
  }[]
  return listed
    .filter((p) => resolve(p.path) !== resolve(root))
    .map((p) => ({ name: p.name, version: p.version, license: typeof p.license === 'string' ? p.license : p.license?.type }))
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const bad = productionPackages(resolve(import.meta.dirname, '..')).filter((p) => isStrongCopyleft(p.license))
  for (const p of bad) process.stderr.write(`${p.name}@${p.version}: ${p.license ?? 'no licence field'}\n`)
  process.exitCode = bad.length > 0 ? 1 : 0
}

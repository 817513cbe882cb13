import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { init, parse } from 'es-module-lexer'
import { load } from 'js-yaml'
import { minimatch } from 'minimatch'

/** What the check needs to know of the project: its root and what electron-builder packages. */
export interface PackagingRules {
  root: string
  /** electron-builder.yml's `files` patterns (a leading `!` excludes). */
  files: string[]
  /** Package folders (relative to root) that ship: the closure of package.json's `dependencies`. */
  packagedDirs: Set<string>
}

/** One import that would fail in the packaged app, and why. */
export interface GraphProblem {
  from: string
  specifier: string
  problem: string
}

/** The bundle files reached from an entry and every bare or built-in module they name. */
export interface BundleGraph {
  files: string[]
  external: { from: string; specifier: string }[]
  problems: GraphProblem[]
}

/** The packaging rules as electron-builder reads them (same YAML parser), and the production dependency closure. */
export function packagingRules(root: string): PackagingRules {
  const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files?: string[] }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  const packagedDirs = new Set<string>()
  // npm's layout: a dependency is found in the nearest node_modules going up from the package that needs it.
  const visit = (name: string, fromDir: string): void => {
    for (let dir: string | null = fromDir; dir !== null; dir = enclosingPackageRoot(dir)) {
      const candidate = join(dir, 'node_modules', name)
      if (!existsSync(join(root, candidate, 'package.json'))) continue
      if (packagedDirs.has(candidate)) return
      packagedDirs.add(candidate)
      const dep = JSON.parse(readFileSync(join(root, candidate, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>
        optionalDependencies?: Record<string, string>
      }
      for (const d of Object.keys({ ...dep.dependencies, ...dep.optionalDependencies })) visit(d, candidate)
      return
    }
  }
  for (const name of Object.keys(pkg.dependencies ?? {})) visit(name, '.')
  return { root, files: config.files ?? [], packagedDirs }
}

/** Does electron-builder's `files` list keep this path (relative to root)? Later patterns win, as in electron-builder. */
export function shippedByFiles(rel: string, files: string[]): boolean {
  const path = rel.split(sep).join('/')
  let kept = path.startsWith('node_modules/')
  for (const pattern of files) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) kept = false
    } else if (minimatch(path, pattern, { dot: true })) kept = true
  }
  return kept
}

/** `a/node_modules/@s/b` → `a`; the project root (`.`) has none above it. */
function enclosingPackageRoot(dir: string): string | null {
  const at = dir.lastIndexOf('node_modules')
  if (at < 0) return null
  return dir.slice(0, at).replace(/[\\/]$/, '') || '.'
}

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]

/** Resolve bare specifiers as Node's ESM loader would from `dir` (the bundle's folder), in a separate process. */
function resolveFrom(dir: string, specifiers: string[]): Map<string, string | null> {
  const script = `for (const s of JSON.parse(process.argv[1])) { let r = null; try { r = import.meta.resolve(s) } catch {} console.log(JSON.stringify([s, r])) }`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(specifiers)], { cwd: dir, encoding: 'utf8' })
  return new Map(out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as [string, string | null]))
}

/** The modules a bundle file names: static and literal dynamic imports (ESM), literal require() calls (both). */
async function specifiersOf(file: string): Promise<string[]> {
  const source = readFileSync(file, 'utf8')
  const found = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
  if (!file.endsWith('.cjs')) {
    await init
    const [imports] = parse(source)
    for (const i of imports) {
      if (i.n !== undefined) found.push(i.n)
      else if (i.d >= 0) found.push(`<non-literal import(${source.slice(i.s, i.e)})>`)
    }
  }
  return [...new Set(found)]
}

/**
 * Walk a built bundle's import graph from `entry`: every relative import must be a file of the build, every bare one
 * a built-in, Electron (where `allowElectron`), or a file of a packaged dependency that electron-builder's `files`
 * keeps. Nothing is executed: the graph is read from the bundles' text.
 */
export async function bundleGraph(entry: string, rules: PackagingRules, allowElectron: boolean): Promise<BundleGraph> {
  const files: string[] = []
  const external: { from: string; specifier: string }[] = []
  const problems: GraphProblem[] = []
  const queue = [resolve(entry)]
  while (queue.length) {
    const file = queue.shift() as string
    if (files.includes(file)) continue
    files.push(file)
    const from = relative(rules.root, file)
    if (!shippedByFiles(from, rules.files)) problems.push({ from, specifier: from, problem: 'not shipped: excluded by electron-builder files' })
    const bare: string[] = []
    for (const specifier of await specifiersOf(file)) {
      if (specifier.startsWith('<non-literal')) problems.push({ from, specifier, problem: 'import of a computed name cannot be checked' })
      else if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolve(dirname(file), specifier)
        if (existsSync(target)) queue.push(target)
        else problems.push({ from, specifier, problem: 'missing file in the build' })
      } else {
        external.push({ from, specifier })
        if (specifier === 'electron') {
          if (!allowElectron) problems.push({ from, specifier, problem: 'electron imported where it must not be' })
        } else if (!isBuiltin(specifier)) bare.push(specifier)
      }
    }
    if (!bare.length) continue
    const resolved = resolveFrom(dirname(file), bare)
    for (const specifier of bare) {
      const url = resolved.get(specifier)
      if (!url) {
        problems.push({ from, specifier, problem: 'cannot be resolved' })
        continue
      }
      const rel = relative(rules.root, fileURLToPath(url))
      const owner = [...rules.packagedDirs].find((d) => rel.startsWith(d + sep))
      if (!owner) problems.push({ from, specifier, problem: `resolves to ${rel}, outside the packaged dependencies of ${packageName(specifier)}` })
      else if (!shippedByFiles(rel, rules.files)) problems.push({ from, specifier, problem: `resolves to ${rel}, excluded by electron-builder files` })
    }
  }
  return { files, external, problems }
}

/** Files the main bundle opens beside itself at run time (`new URL('./x', import.meta.url)`), missing from the build. */
export function missingRuntimeFiles(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  return [...source.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)]
    .map((m) => m[1])
    .filter((p) => !existsSync(resolve(dirname(file), p)))
}

// Build better-sqlite3 for Electron's ABI into native/electron/, leaving node_modules (the Node build that tests use) alone.
// Needs a connected machine: it fetches the prebuilt binary for this Electron version, or Electron's headers to compile.
// `better-sqlite3` is better-sqlite3-multiple-ciphers under its name (package.json), so this is the cipher build; the
// store refuses a binary without the cipher (an Electron build of the plain package) rather than write clear text.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const out = join(import.meta.dirname, '..', 'native', 'electron')
const work = mkdtempSync(join(tmpdir(), 'prw-electron-sqlite-'))

try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) })
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' })
  try {
    run(process.execPath, [
      require.resolve('prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch
    ])
  } catch {
    console.warn('no prebuilt binary; compiling against Electron headers with node-gyp')
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'])
  }
  mkdirSync(out, { recursive: true })
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'))
  console.log(`better-sqlite3 for Electron ${electronVersion} written to ${out}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

// `npm run smoke:desktop`: the packaged app on this system, as an operator would start it (issue #14). Runs in the
// desktop workflow after `npm run dist`; where there is no packaged app (no Electron here) it fails and says why.
//   1. the fuses read back from the packaged binary equal electron-builder.yml's `electronFuses`;
//   2. start the unpacked app on a fresh profile, wait for its window;
//   3. import a generated passport through the UI (the queue's file input) and wait until it is recognised, which
//      in the app happens in a utilityProcess;
//   4. print time to first window and to first recognised page, and the memory of main, renderer and recognition;
//   5. quit, and check the app exits.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import electronFuses from '@electron/fuses'
import { load } from 'js-yaml'
import { chromium } from 'playwright-core'
import type { Page } from 'playwright-core'
import { QueuePage } from '../test/e2e/pages/queue-page'
import { generateSample } from '../test/fixtures/generator'
import { checkFuses } from './smoke/fuses'
import { devtoolsEndpoint, unpackedAppCandidates } from './smoke/packaged-app'
import { appProcesses, parsePs, parseWin32Processes } from './smoke/processes'
import type { ProcessRow } from './smoke/processes'

const ROOT = resolve(import.meta.dirname, '..')
const WINDOW_TIMEOUT_MS = 60_000
const QUIT_TIMEOUT_MS = 30_000

function fail(step: string, message: string): never {
  console.error(`smoke:desktop FAILED at ${step}: ${message}`)
  process.exit(1)
}

function listProcesses(): ProcessRow[] {
  if (process.platform === 'win32') {
    const ps = 'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,WorkingSetSize,CommandLine | ConvertTo-Json -Compress'
    return parseWin32Processes(execFileSync('powershell.exe', ['-NoProfile', '-Command', ps], { encoding: 'utf8', maxBuffer: 64 << 20 }))
  }
  return parsePs(execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 64 << 20 }))
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`

async function appWindow(endpoint: string, deadline: number): Promise<Page> {
  const browser = await chromium.connectOverCDP(endpoint)
  while (Date.now() < deadline) {
    const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('app://app/'))
    if (page) return page
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no app://app window within ${WINDOW_TIMEOUT_MS} ms`)
}

async function main(): Promise<void> {
  const builder = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    productName: string
    directories?: { output?: string }
    electronFuses: Record<string, boolean>
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }
  const release = join(ROOT, builder.directories?.output ?? 'release')
  const candidates = unpackedAppCandidates(release, process.platform, process.arch, { productName: builder.productName, packageName: pkg.name })
  const app = candidates.find((c) => existsSync(c.executable))
  if (!app)
    fail(
      'finding the packaged app',
      `none of ${candidates.map((c) => c.executable).join(', ')} exists. Build it first with \`npm run dist\` on this system (a connected machine: Electron is downloaded); this machine has no Electron binary.`
    )
  console.log(`app: ${app.executable}`)

  // 1. Fuses, read from the binary as packaged.
  const wire = (await electronFuses.getCurrentFuseWire(app.fuseTarget)) as unknown as Record<number, number>
  const fuses = checkFuses(builder.electronFuses, wire)
  for (const f of fuses) console.log(`fuse ${f.fuse}: declared ${f.declared ?? 'nothing'}, binary ${f.actual} ${f.ok ? 'ok' : 'MISMATCH'}`)
  if (fuses.some((f) => !f.ok)) fail('fuses', 'the packaged binary does not have the fuses electron-builder.yml declares')

  // 2. Start on a fresh profile. The DevTools port is a Chromium switch, not Node's inspector: the fuses stay as shipped.
  const profile = mkdtempSync(join(tmpdir(), 'prw-smoke-profile-'))
  const started = performance.now()
  const child = spawn(app.executable, ['--remote-debugging-port=0'], {
    env: { ...process.env, PRW_USER_DATA: profile },
    stdio: ['ignore', 'inherit', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
    process.stderr.write(d)
  })
  const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(signal === 'SIGTERM' ? 0 : code)))
  try {
    const deadline = Date.now() + WINDOW_TIMEOUT_MS
    let endpoint: string | null = null
    while (!(endpoint = devtoolsEndpoint(stderr))) {
      if (child.exitCode !== null) fail('start', `the app exited with code ${child.exitCode} before opening a window`)
      if (Date.now() > deadline) fail('start', `no DevTools endpoint on stderr within ${WINDOW_TIMEOUT_MS} ms`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const page = await appWindow(endpoint, deadline)
    const queue = new QueuePage(page)
    await queue.ready()
    const firstWindowMs = performance.now() - started
    console.log(`first window: ${firstWindowMs.toFixed(0)} ms`)

    // 3. A generated passport through the operator's own import control.
    const sample = await generateSample(2, 'rotated')
    const file = join(profile, `smoke-passport.${sample.truth.format === 'jpeg' ? 'jpg' : sample.truth.format}`)
    writeFileSync(file, sample.image)
    await queue.importFiles([file])
    await queue.waitForRecognized(1)
    const firstRecognisedMs = performance.now() - started
    const status = await queue.items().first().getAttribute('data-status')
    if (status !== 'needs_review') fail('recognition', `the imported passport ended as ${status}, not needs_review`)
    const shown = await queue.items().first().textContent()
    if (!shown?.includes(sample.truth.data.passportNumber))
      fail('recognition', `the queue does not show passport number ${sample.truth.data.passportNumber}: ${shown}`)
    console.log(`first recognised page: ${firstRecognisedMs.toFixed(0)} ms (passport ${sample.truth.data.passportNumber})`)

    // 4. Memory, by role, from the OS process list.
    const tree = appProcesses(listProcesses(), child.pid as number)
    if (tree.recognition.pids.length === 0) fail('recognition', 'no utilityProcess (node.mojom.NodeService) under the app: where did recognition run?')
    for (const role of ['main', 'renderer', 'recognition', 'other'] as const)
      console.log(`memory ${role}: ${mb(tree[role].rssBytes)} resident in ${tree[role].pids.length} process(es)`)

    // 5. Quit as the operator does: closing the window; on macOS, where an app outlives its last window by design,
    // then the quit signal (what the Dock's Quit sends is not reachable from here).
    await page.close({ runBeforeUnload: false }).catch(() => undefined)
    if (process.platform === 'darwin') setTimeout(() => child.kill('SIGTERM'), 2_000)
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), QUIT_TIMEOUT_MS))])
    if (code === 'timeout') fail('quit', `the app was still running ${QUIT_TIMEOUT_MS} ms after its window closed`)
    if (code !== 0) fail('quit', `the app exited with code ${code}`)
    console.log('smoke:desktop passed')
  } finally {
    if (child.exitCode === null) child.kill()
    rmSync(profile, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => fail('run', err instanceof Error ? err.message : String(err)))

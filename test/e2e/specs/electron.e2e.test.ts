import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import type { ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { findElectron } from '../fixtures/electron'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'

const electron = findElectron()
if ('missing' in electron) console.warn(`[e2e] SKIPPED the Electron run: ${electron.missing}. The browser-mode suite still ran.`)

// The same operator path as in the browser, through the real app: preload bridge, IPC, app:// scheme.
describe.skipIf('missing' in electron)('the review workstation in Electron', () => {
  const samples = inject('samples')
  let app: ElectronApplication
  let profile: string

  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' })
    profile = mkdtempSync(join(tmpdir(), 'prw-e2e-profile-'))
    app = await _electron.launch({
      executablePath: 'path' in electron ? electron.path : '',
      args: ['out/main/index.js'],
      env: { ...process.env, PRW_USER_DATA: profile }
    })
  })

  afterAll(async () => {
    await app?.close()
    rmSync(profile, { recursive: true, force: true })
  })

  it('imports, recognizes and shows the field boxes', async () => {
    const page = await app.firstWindow()
    const queue = new QueuePage(page)
    const review = new ReviewPage(page)
    await queue.importFiles([samples[0].file])
    await queue.waitForRecognized(1)
    await queue.item('passport-1').click()
    await review.field('passportNumber').focus()
    await expect.poll(() => review.box('passportNumber').getAttribute('data-active')).toBe('true')
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  })
})

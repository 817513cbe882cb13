import { defineConfig } from 'vitest/config'

/** End-to-end tests: the real server, engine and SQLite file, driven through Debian's Chromium. Kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // Recognition of a page takes seconds on a shared two-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false
  }
})

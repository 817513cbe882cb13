import { defineConfig } from 'vitest/config'

/** Tests that take minutes (the kill test): `npm run test:reliability`, run by CI after `npm test`. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 3_000_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false
  }
})

import { describe, expect, it } from 'vitest'
import { resolveInside } from '../../../src/main/server/static-files'

describe('resolveInside', () => {
  const root = '/srv/app'
  it('maps paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe('/srv/app/index.html')
    expect(resolveInside(root, '/assets/a%20b.js')).toBe('/srv/app/assets/a b.js')
  })
  it('refuses every way out', () => {
    for (const p of ['/../etc/passwd', '/assets/../../x', '/%2e%2e/x', '/%2E%2E%2Fx', '/a\\..\\..\\x', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, p), p).toBeNull()
    }
  })
})

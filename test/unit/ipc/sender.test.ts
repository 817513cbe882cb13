import { describe, expect, it } from 'vitest'
import { senderAllowed } from '../../../src/main/ipc/sender'

const top = (url: string): { url: string; parent: null } => ({ url, parent: null })
const sub = (url: string): { url: string; parent: object } => ({ url, parent: top('app://app/index.html') })
const DEV = 'http://localhost:5173'

describe('senderAllowed (checklist 17)', () => {
  it("accepts the app's own top-level page, packaged or from the dev server", () => {
    expect(senderAllowed(top('app://app/index.html'), undefined)).toBe(true)
    expect(senderAllowed(top('app://app/#/review/3'), undefined)).toBe(true)
    expect(senderAllowed(top('http://localhost:5173/'), DEV)).toBe(true)
  })

  it('refuses a sub-frame, even one showing our own origin', () => {
    expect(senderAllowed(sub('app://app/index.html'), undefined)).toBe(false)
    expect(senderAllowed(sub('https://evil.example/'), undefined)).toBe(false)
  })

  it('refuses other origins, look-alikes, the dev server when not in development, and a frame that is gone', () => {
    for (const url of [
      'https://evil.example/',
      'app://document/1',
      'app://app.evil.example/',
      'file:///etc/passwd',
      'http://localhost:5174/',
      'about:blank',
      'not a url'
    ])
      expect(senderAllowed(top(url), DEV), url).toBe(false)
    expect(senderAllowed(top('http://localhost:5173/'), undefined)).toBe(false)
    expect(senderAllowed(null, undefined)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { appRoute, isAppUrl } from '../../../src/main/security/app-origin'

describe('appRoute: what the app:// scheme serves', () => {
  it('serves a page image by its numeric id', () => {
    expect(appRoute('app://document/12')).toEqual({ kind: 'document', id: 12 })
    expect(appRoute('app://document/1')).toEqual({ kind: 'document', id: 1 })
  })

  it('refuses any other document path', () => {
    for (const url of [
      'app://document/',
      'app://document/0',
      'app://document/012',
      'app://document/12abc',
      'app://document/-1',
      'app://document/1.5',
      'app://document/1/2',
      'app://document/%2e%2e/etc/passwd',
      'app://document/12345678901234567'
    ])
      expect(appRoute(url).kind, url).toBe('refused')
  })

  it("passes the renderer's paths on to the static-file resolver (which checks traversal, see static-files.test)", () => {
    expect(appRoute('app://app/index.html')).toEqual({ kind: 'static', path: '/index.html' })
    expect(appRoute('app://app/assets/index-abc.js?x=1#y')).toEqual({ kind: 'static', path: '/assets/index-abc.js' })
    // WHATWG URL folds ../ and %2e%2e/ before we see them: the path stays under its root.
    expect(appRoute('app://app/../../etc/passwd')).toEqual({ kind: 'static', path: '/etc/passwd' })
    expect(appRoute('app://app/%2e%2e/%2e%2e/etc/passwd')).toEqual({ kind: 'static', path: '/etc/passwd' })
    // An encoded slash is not folded: it reaches resolveInside as is, which decodes and refuses it.
    expect(appRoute('app://app/..%2f..%2fetc%2fpasswd')).toEqual({ kind: 'static', path: '/..%2f..%2fetc%2fpasswd' })
  })

  it('refuses other hosts, other schemes and nonsense', () => {
    expect(appRoute('app://evil/index.html')).toEqual({ kind: 'refused', reason: 'unknown host evil' })
    expect(appRoute('app://app.evil.example/')).toEqual({ kind: 'refused', reason: 'unknown host app.evil.example' })
    expect(appRoute('https://app/index.html')).toEqual({ kind: 'refused', reason: 'scheme https:' })
    expect(appRoute('not a url')).toEqual({ kind: 'refused', reason: 'not a URL' })
  })

  it("isAppUrl: the renderer's origin only, not the image host", () => {
    expect(isAppUrl('app://app/index.html', undefined)).toBe(true)
    expect(isAppUrl('app://document/1', undefined)).toBe(false)
  })
})

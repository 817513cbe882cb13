import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isStrongCopyleft, productionPackages } from '../../../scripts/check-licences'

const ROOT = join(import.meta.dirname, '../../..')

describe('licences of what the app ships', () => {
  it('tells GPL and AGPL from the licences a closed app may ship', () => {
    for (const l of [
      'AGPL-3.0-or-later',
      'AGPL-3.0-only',
      'GPL-2.0-only',
      'GPL-3.0-or-later',
      '(MIT AND GPL-3.0-only)',
      undefined,
      'SEE LICENSE IN LICENSE'
    ])
      expect([l, isStrongCopyleft(l)]).toEqual([l, true])
    for (const l of [
      'MIT',
      'Apache-2.0',
      'BSD-3-Clause',
      'LGPL-3.0-or-later',
      '(MIT OR GPL-3.0-only)',
      '(BSD-2-Clause OR MIT OR Apache-2.0)'
    ])
      expect([l, isStrongCopyleft(l)]).toEqual([l, false])
  })

  it('no production dependency is under GPL or AGPL', () => {
    const packages = productionPackages(ROOT)
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['pdfjs-dist', 'pdf-lib', '@napi-rs/canvas', 'sharp']))
    expect(packages.filter((p) => isStrongCopyleft(p.license))).toEqual([])
  })
})

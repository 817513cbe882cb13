import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { generateSample } from '../fixtures/generator'
import type { Sample } from '../fixtures/generator'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Synthetic passport pages for the specs, with their truth. */
    samples: { file: string; passportNumber: string; name: string }[]
  }
}

// JPEG and PNG variations: small files the browser shows without conversion.
const SAMPLES: [number, 'rotated' | 'perspective'][] = [
  [2, 'rotated'],
  [3, 'perspective'],
  [4, 'rotated']
]

/** Build the renderer once (the server serves out/renderer) and render the sample pages. */
export default async function setup(project: TestProject): Promise<() => void> {
  await build({ configFile: 'vite.renderer.config.ts', logLevel: 'warn' })
  const dir = mkdtempSync(join(tmpdir(), 'prw-e2e-samples-'))
  const samples = await Promise.all(SAMPLES.map(([seed, variation]) => generateSample(seed, variation)))
  project.provide(
    'samples',
    samples.map((s: Sample, i) => {
      const file = join(dir, `passport-${i + 1}.${s.truth.format === 'jpeg' ? 'jpg' : s.truth.format}`)
      writeFileSync(file, s.image)
      return { file, passportNumber: s.truth.data.passportNumber, name: s.truth.data.name }
    })
  )
  return () => rmSync(dir, { recursive: true, force: true })
}

import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import renderer from './vite.renderer.config'

const MIGRATIONS_DIR = resolve(import.meta.dirname, 'src/main/store/migrations')

/** The store reads its numbered SQL migrations beside the bundle at run time: copy them into out/main/migrations. */
function copyMigrations(): Plugin {
  return {
    name: 'prw-copy-migrations',
    generateBundle() {
      for (const f of readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.sql'))) {
        this.emitFile({ type: 'asset', fileName: `migrations/${f}`, source: readFileSync(resolve(MIGRATIONS_DIR, f), 'utf8') })
      }
    }
  }
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      rollupOptions: {
        // The recognition worker is its own entry: EnginePool starts it from `worker.js` beside the main bundle.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          worker: resolve(import.meta.dirname, 'src/main/recognition/worker.ts'),
          // Backups are copied in a worker thread started from `backup-worker.js` (store/backup-thread.ts).
          'backup-worker': resolve(import.meta.dirname, 'src/main/store/backup-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules: bundle the contract (and zod) into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer
})

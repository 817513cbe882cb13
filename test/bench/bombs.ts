/**
 * `npm run bench:bombs`: how fast, and with how much memory, each decompression bomb is refused. The bar (issue
 * #12): at most 100 ms and 50 MB each. Figures, not a test: the test asserts only the refusal and its code.
 */
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { EnginePool } from '../../src/main/recognition/engine-pool'
import { decodeImage, restrictDecoders } from '../../src/main/recognition/image/decode'
import { allBombs } from '../fixtures/bombs'

const MB = 1024 * 1024
const BAR_MS = 100
const BAR_MB = 50

const bombs = await allBombs()
// As a recognition process runs: the same decoder restrictions, sharp loaded and warmed by one real decode.
restrictDecoders()
await sharp({ create: { width: 640, height: 480, channels: 3, background: '#888' } })
  .png()
  .toBuffer()
  .then((b) => decodeImage(b))

console.log('in-process decode (as inside a recognition process):')
console.log('bomb                  file KB  would decode  refused as          ms   RSS growth MB  peak growth MB')
let worst = { ms: 0, mb: 0 }
for (const { bomb } of bombs) {
  const rss0 = process.memoryUsage().rss
  const peak0 = process.resourceUsage().maxRSS * 1024
  const t0 = performance.now()
  const code = await decodeImage(bomb.bytes).then(
    () => 'DECODED',
    (e: { code: string }) => e.code
  )
  const ms = performance.now() - t0
  const growth = (process.memoryUsage().rss - rss0) / MB
  const peak = (process.resourceUsage().maxRSS * 1024 - peak0) / MB
  worst = { ms: Math.max(worst.ms, ms), mb: Math.max(worst.mb, growth, peak) }
  const gp = `${(bomb.decodedPixels / 1e9).toFixed(1)} Gpx`
  console.log(
    `${bomb.name.padEnd(20)} ${String(Math.round(bomb.bytes.length / 1024)).padStart(8)}  ${gp.padStart(12)}  ${code.padEnd(18)} ${ms.toFixed(1).padStart(5)}  ${growth.toFixed(1).padStart(13)}  ${peak.toFixed(1).padStart(14)}`
  )
}

const pool = new EnginePool({ workers: 1 })
await pool.ready()
console.log('\nthrough the recognition process (IPC included):')
for (const { bomb } of bombs) {
  const t0 = performance.now()
  const code = await pool.recognize(bomb.bytes).then(
    () => 'RECOGNIZED',
    (e: { code: string }) => e.code
  )
  const ms = performance.now() - t0
  worst.ms = Math.max(worst.ms, ms)
  console.log(`${bomb.name.padEnd(20)} ${code.padEnd(18)} ${ms.toFixed(1).padStart(6)} ms`)
}
console.log(`restarts of the recognition process: ${pool.restarts}`)
await pool.close()
const ok = worst.ms <= BAR_MS && worst.mb <= BAR_MB
console.log(`\nworst: ${worst.ms.toFixed(1)} ms, ${worst.mb.toFixed(1)} MB (bar ${BAR_MS} ms, ${BAR_MB} MB): ${ok ? 'within' : 'OVER'}`)

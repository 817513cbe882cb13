/**
 * `npm run --silent load-test:slowloris`: a real request's latency alone, then while 200 sockets trickle their
 * headers and one 10 MB upload arrives at 1 KB/s (the bar, issue #12: within 2× the latency alone), and how soon the
 * server cut each attacker off. `serve` runs as users run it (default limits: 10 s for headers, 60 s per request).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { percentile } from '../bench/metrics'
import { generateSample } from '../fixtures/generator'

const SOCKETS = 200
const REQUESTS = 8

const dir = mkdtempSync(join(tmpdir(), 'prw-slowloris-'))
const page = (await generateSample(301, 'scan')).image
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/server/serve.ts', '--port', '0', '--db', join(dir, 'db.sqlite')], {
  stdio: ['ignore', 'pipe', 'inherit']
})
const url = await new Promise<string>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = / listening on (http:\/\/\S+)/.exec(line)
    if (m) resolve(m[1])
  })
})
const { port } = new URL(url)

async function latencies(n: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const r = await fetch(`${url}/?Action=RecognizeChinesePassport`, { method: 'POST', body: page })
    await r.arrayBuffer()
    if (r.status !== 200) throw new Error(`request answered ${r.status}`)
    out.push(performance.now() - t0)
  }
  return out
}

const alone = await latencies(REQUESTS)
const started = performance.now()
const cutAfter: number[] = []
const timers: ReturnType<typeof setInterval>[] = []
const closed: Promise<void>[] = []
for (let i = 0; i < SOCKETS; i++) {
  const s = connect(Number(port), '127.0.0.1')
  s.on('error', () => undefined)
  s.write('POST /?Action=RecognizeChinesePassport HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  timers.push(setInterval(() => s.writable && s.write(`X-Slow-${i}: a\r\n`), 1000))
  closed.push(
    new Promise((resolve) =>
      s.on('close', () => {
        cutAfter.push(performance.now() - started)
        resolve()
      })
    )
  )
}
const upload = connect(Number(port), '127.0.0.1')
upload.on('error', () => undefined)
upload.write(`POST /?Action=RecognizeChinesePassport HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`)
timers.push(setInterval(() => upload.writable && upload.write(Buffer.alloc(1024, 0xff)), 1000))
let uploadAnswer = ''
upload.on('data', (d: Buffer) => (uploadAnswer += d.toString('latin1')))
const uploadClosed = new Promise<number>((resolve) => upload.on('close', () => resolve(performance.now() - started)))
const underAttack = await latencies(REQUESTS)
// Bounded: the server's own limits end every attacker (10 s for headers, 60 s for the upload), or we stop at 90 s.
const bound = new Promise<void>((resolve) => setTimeout(resolve, 90_000).unref())
await Promise.race([Promise.all(closed), bound])
const uploadMs = await Promise.race([uploadClosed, bound.then(() => NaN)])
for (const t of timers) clearInterval(t)
upload.destroy()
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))
rmSync(dir, { recursive: true, force: true })

const p50 = (xs: number[]): number => percentile(xs, 0.5)
const ratio = p50(underAttack) / p50(alone)
const fmt = (xs: number[]): string => `p50 ${Math.round(p50(xs))} ms, max ${Math.round(Math.max(...xs))} ms`
console.log(`a real request alone (${REQUESTS}): ${fmt(alone)}`)
console.log(`the same under ${SOCKETS} trickling sockets and a 1 KB/s upload (${REQUESTS}): ${fmt(underAttack)}: ${ratio.toFixed(2)}× (bar 2×)`)
console.log(`trickling sockets cut off: ${cutAfter.length} of ${SOCKETS}, the last after ${(Math.max(...cutAfter) / 1000).toFixed(1)} s`)
console.log(`10 MB upload at 1 KB/s: ${uploadAnswer.split('\r\n')[0] || 'no answer'}, closed after ${(uploadMs / 1000).toFixed(1)} s`)
process.exitCode = ratio <= 2 && cutAfter.length === SOCKETS && uploadAnswer.startsWith('HTTP/1.1 408') ? 0 : 1

/**
 * `npm run load-test`: the cloud-compatible action under load, through the vendor's SDK, on loopback. Starts
 * `serve` (signed requests, a temporary database), sends 200 requests from 16 concurrent clients, stops the server,
 * and prints throughput, latency percentiles and the count of each outcome. Exit status 1 if any request was neither
 * answered correctly nor refused cleanly (503).
 * Options: --requests N (200), --clients N (16), --max-queue N (server default), --samples N (4 generated pages).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { PassportResponse } from '../../src/shared/domain/response'
import { percentile } from '../bench/metrics'
import { generateSample } from '../fixtures/generator'
import type { Sample } from '../fixtures/generator'
import { sdkClient, viaStream } from '../unit/helpers/cloud-sdk'
import type { SdkError } from '../unit/helpers/cloud-sdk'
import { numberOption } from '../bench/options'

const args = process.argv.slice(2)
const opt = (name: string, def: number): number => numberOption(args, name, def)
const REQUESTS = opt('--requests', 200)
const CLIENTS = opt('--clients', 16)
const SAMPLES = opt('--samples', 4)
const maxQueue = args.includes('--max-queue') ? ['--max-queue', String(opt('--max-queue', 0))] : []
const KEYS = { accessKeyId: 'load-test-id', accessKeySecret: 'load-test-secret' }
// A refused client waits this long before its next request, as a well-behaved client honouring Retry-After would.
const REFUSED_PAUSE_MS = 1_000

type Outcome = 'ok' | 'refused' | 'wrong' | 'failed'

/**
 * Every HTTP answer the SDK receives, with its Retry-After, and every socket error: the SDK's errors keep neither
 * (it uses node's http.request, which is wrapped here, in this process only).
 */
const wire = { answers: new Map<number, number>(), busyWithoutRetryAfter: 0, socketErrors: 0 }
const originalRequest = http.request.bind(http)
http.request = ((...a: Parameters<typeof http.request>) => {
  const req = originalRequest(...a)
  req.on('response', (res) => {
    const status = res.statusCode ?? 0
    wire.answers.set(status, (wire.answers.get(status) ?? 0) + 1)
    if (status === 503 && !(Number(res.headers['retry-after']) >= 1)) wire.busyWithoutRetryAfter++
  })
  req.on('error', () => wire.socketErrors++)
  return req
}) as typeof http.request

/** Resident memory of a process and of its children (the recognition processes), from /proc, in MB. */
function treeRssMb(pid: number): number {
  const rss = (p: number): number => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024
    } catch {
      return 0
    }
  }
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
  } catch {
    // Not Linux, or the process is gone: its own figure only.
  }
  return rss(pid) + children.reduce((sum, c) => sum + rss(c), 0)
}

/** Start `serve` on a free loopback port and resolve with its URL. */
function startServe(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/server/serve.ts',
      '--port',
      '0',
      '--db',
      join(dir, 'load.sqlite'),
      '--static',
      join(dir, 'none'),
      ...maxQueue
    ],
    {
      env: { ...process.env, PRW_ACCESS_KEY_ID: KEYS.accessKeyId, PRW_ACCESS_KEY_SECRET: KEYS.accessKeySecret },
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const m = / listening on (http:\/\/\S+)/.exec(line)
      if (m) resolve({ url: m[1], child })
    })
  })
}

async function one(url: string, sample: Sample): Promise<{ outcome: Outcome; ms: number; detail?: string }> {
  const t0 = performance.now()
  try {
    const r = await viaStream(sdkClient(url, KEYS), sample.image)
    const ms = performance.now() - t0
    const data = (JSON.parse(r.body?.data ?? '') as PassportResponse).data
    const right = data.passportNumber === sample.truth.data.passportNumber && data.mrzLine2 === sample.truth.data.mrzLine2
    return {
      outcome: right ? 'ok' : 'wrong',
      ms,
      detail: right ? undefined : `read ${data.passportNumber} for ${sample.truth.data.passportNumber}`
    }
  } catch (err) {
    const ms = performance.now() - t0
    const e = err as SdkError
    if (e.statusCode === 503 && e.code === 'BUSY') return { outcome: 'refused', ms }
    return { outcome: 'failed', ms, detail: `${e.statusCode ?? '-'} ${e.code ?? ''} ${e.message}` }
  }
}

async function main(): Promise<number> {
  const samples = await Promise.all(Array.from({ length: SAMPLES }, (_, i) => generateSample(101 + i, 'scan')))
  const dir = mkdtempSync(join(tmpdir(), 'prw-load-'))
  const { url, child } = await startServe(dir)
  // The server prints its address once its engine is warm: the very first request should take what any other does.
  const first = await one(url, samples[0])
  const second = await one(url, samples[1 % samples.length])
  const memory = { atStart: treeRssMb(child.pid ?? 0), peak: 0, atEnd: 0 }
  const sampler = setInterval(() => (memory.peak = Math.max(memory.peak, treeRssMb(child.pid ?? 0))), 200)
  const counts: Record<Outcome, number> = { ok: 0, refused: 0, wrong: 0, failed: 0 }
  const answeredMs: number[] = []
  const refusedMs: number[] = []
  let next = 0
  const started = performance.now()
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < REQUESTS) {
          const i = next++
          const r = await one(url, samples[i % samples.length])
          counts[r.outcome]++
          ;(r.outcome === 'refused' ? refusedMs : answeredMs).push(r.ms)
          if (r.detail) process.stderr.write(`request ${i}: ${r.outcome}: ${r.detail}\n`)
          if (r.outcome === 'refused') await new Promise((resolve) => setTimeout(resolve, REFUSED_PAUSE_MS))
        }
      })
    )
  } finally {
    clearInterval(sampler)
    memory.atEnd = treeRssMb(child.pid ?? 0)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  const seconds = (performance.now() - started) / 1000
  const p = (xs: number[], q: number): string => (xs.length ? `${Math.round(percentile(xs, q))} ms` : '-')
  process.stdout.write(
    [
      `first request after the server said it was ready: ${Math.round(first.ms)} ms (${first.outcome}); the second: ${Math.round(second.ms)} ms`,
      `${REQUESTS} requests, ${CLIENTS} clients, ${samples.length} distinct pages, ${seconds.toFixed(1)} s`,
      `throughput: ${((counts.ok + counts.wrong) / seconds).toFixed(2)} recognitions/s, ${(REQUESTS / seconds).toFixed(2)} requests/s`,
      `latency of answered requests: p50 ${p(answeredMs, 0.5)}, p90 ${p(answeredMs, 0.9)}, p99 ${p(answeredMs, 0.99)}, max ${p(answeredMs, 1)}`,
      `latency of refusals: p50 ${p(refusedMs, 0.5)}, max ${p(refusedMs, 1)}`,
      `ok ${counts.ok}, refused (503) ${counts.refused}, wrong ${counts.wrong}, failed ${counts.failed}`,
      `HTTP answers: ${[...wire.answers].map(([status, n]) => `${status} ${n}`).join(', ')}; 503 without Retry-After ${wire.busyWithoutRetryAfter}; socket errors ${wire.socketErrors}`,
      `memory of the server and its recognition processes: ${memory.atStart.toFixed(0)} MB at start, peak ${memory.peak.toFixed(0)} MB, ${memory.atEnd.toFixed(0)} MB at the end`
    ].join('\n') + '\n'
  )
  const clean = [...wire.answers.keys()].every((s) => (s >= 200 && s < 300) || s === 503)
  return counts.wrong + counts.failed + wire.busyWithoutRetryAfter + wire.socketErrors > 0 || !clean ? 1 : 0
}

process.exitCode = await main()

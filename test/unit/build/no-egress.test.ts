import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// The no-egress check's parts (scripts/no-egress.sh runs them in a network namespace, which needs root): the
// connection recorder built and loaded into a real process here, on loopback only, and the report's verdicts.
const ROOT = resolve(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'prw-no-egress-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function report(events: string[], names: string[] = [], expected?: object): { status: number | null; out: string } {
  writeFileSync(join(dir, 'events'), events.map((e) => `${e}\n`).join(''))
  writeFileSync(join(dir, 'names'), names.map((n) => `${n}\n`).join(''))
  const args = ['scripts/egress-report.mjs', join(dir, 'events'), join(dir, 'names')]
  if (expected) {
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected))
    args.push('--expect', join(dir, 'expected.json'))
  }
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  return { status: r.status, out: r.stdout + r.stderr }
}

const compiler = spawnSync('cc', ['--version']).status === 0

describe('the connection recorder (scripts/connect-recorder.c)', () => {
  it.skipIf(!compiler)('records a Node process start, its TCP connect, its datagram and its lookup, with the program', async () => {
    // skipped without a C compiler: scripts/setup.sh installs gcc for the no-egress check
    const log = join(dir, 'recorded')
    execFileSync(
      'cc',
      ['-shared', '-fPIC', '-O2', '-o', join(dir, 'recorder.so'), 'scripts/connect-recorder.c', `-DEGRESS_LOG="${log}"`, '-ldl'],
      { cwd: ROOT }
    )
    // A port that was just free and is closed again: the connect is refused, on loopback, and still recorded.
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const { port } = probe.address() as AddressInfo
    await new Promise((r) => probe.close(r))
    const script = `
      const s = require('node:net').connect(${port}, '127.0.0.1').on('error', () => {
        const u = require('node:dgram').createSocket('udp4')
        u.send('x', ${port}, '127.0.0.1', () => { u.close(); require('node:dns').lookup('localhost', () => {}) })
      })`
    writeFileSync(join(dir, 'probe.cjs'), script)
    execFileSync(process.execPath, [join(dir, 'probe.cjs')], { env: { ...process.env, LD_PRELOAD: join(dir, 'recorder.so') } })
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
    const pid = lines.find((l) => l[0] === 'start')?.[1]
    expect(pid).toMatch(/^\d+$/)
    // Each event names its process and program; a connect's result is the call's own (non-blocking: in progress).
    const mine = lines.filter((l) => l[1] === pid).map(([event, , label, ...rest]) => [event, label, ...rest])
    expect(mine).toContainEqual(['connect', 'node probe.cjs', 'tcp', '127.0.0.1', String(port), 'EINPROGRESS'])
    expect(mine).toContainEqual(['send', 'node probe.cjs', 'udp', '127.0.0.1', String(port), 'ok'])
    expect(mine).toContainEqual(['lookup', 'node probe.cjs', 'localhost'])
    const r = report(readFileSync(log, 'utf8').trim().split('\n'))
    expect(r.out).toMatch(/egress: 2 connections and datagrams to loopback, 0 elsewhere/)
    expect(r.status).toBe(0)
  })
})

describe('the no-egress report (scripts/egress-report.mjs)', () => {
  const start = 'start\t10\t1\tnode serve.ts'
  const loopback = 'connect\t10\tnode serve.ts\ttcp\t127.0.0.1\t8737\tok'
  it('passes loopback, the Scan list mDNS query and a refused UDP route query, and counts processes by program', () => {
    const r = report([
      start,
      'start\t11\t10\tnode worker.ts',
      'start\t12\t1\tchromium --type=utility',
      loopback,
      'connect\t10\tnode serve.ts\ttcp\t::1\t8737\tEINPROGRESS',
      'send\t10\tnode serve.ts\tudp\t224.0.0.251\t5353\tENETUNREACH',
      'connect\t12\tchromium --type=utility\tudp\t2001:4860:4860::8888\t443\tENETUNREACH',
      'lookup\t10\tnode serve.ts\tlocalhost',
      'lookup\t10\tnode serve.ts\t127.0.0.1'
    ])
    expect(r.out).toMatch(/processes recorded: 3/)
    expect(r.out).toMatch(/chromium --type=utility: 1/)
    expect(r.out).toMatch(/scanner discovery .*224\.0\.0\.251 port 5353 from node serve\.ts ×1/)
    expect(r.out).toMatch(/route query, nothing sent .*2001:4860:4860::8888 port 443/)
    expect(r.out).toMatch(/names looked up: 0 through getaddrinfo, 0 asked/)
    expect(r.status).toBe(0)
  })

  it.each([
    [
      'a TCP connect beyond loopback, even one the namespace refused',
      'connect\t10\tnode serve.ts\ttcp\t192.0.2.1\t443\tENETUNREACH',
      /NOT LOOPBACK: connect tcp 192\.0\.2\.1 port 443/
    ],
    [
      'a datagram sent beyond loopback',
      'send\t10\tnode worker.ts\tudp\t8.8.8.8\t53\tENETUNREACH',
      /NOT LOOPBACK: send udp 8\.8\.8\.8 port 53 from node worker\.ts/
    ],
    [
      'a UDP connect the namespace let through',
      'connect\t10\tnode serve.ts\tudp\t192.0.2.1\t53\tok',
      /NOT LOOPBACK: connect udp 192\.0\.2\.1/
    ],
    [
      'a name looked up through libc',
      'lookup\t10\tnode serve.ts\ttelemetry.example.com',
      /LOOKED UP: telemetry\.example\.com from node serve\.ts/
    ]
  ])('fails on %s', (_, event, shown) => {
    const r = report([start, loopback, event])
    expect(r.out).toMatch(shown)
    expect(r.status).toBe(1)
  })

  it('fails on a name asked of the DNS recorder', () => {
    const r = report([start, loopback], ['update.example.com'])
    expect(r.out).toMatch(/ASKED OF DNS: update\.example\.com ×1/)
    expect(r.status).toBe(1)
  })

  it('with --expect, fails unless every deliberate attempt of the self-check was recorded', () => {
    const expected = { destinations: ['192.0.2.1 9 node', '192.0.2.4 80 chromium'], names: ['egress-self-check.example.com'] }
    const seen = [
      'connect\t20\tnode egress-self-check.ts\ttcp\t192.0.2.1\t9\tENETUNREACH',
      'lookup\t20\tnode egress-self-check.ts\tegress-self-check.example.com'
    ]
    const partial = report(seen, ['egress-self-check.example.com'], expected)
    expect(partial.out).toMatch(/2 of 3 deliberate attempts recorded/)
    expect(partial.out).toMatch(/NOT RECORDED: 192\.0\.2\.4 80 chromium/)
    expect(partial.status).toBe(1)
    const all = report(
      [...seen, 'connect\t21\tchromium --type=utility\ttcp\t192.0.2.4\t80\tENETUNREACH'],
      ['egress-self-check.example.com'],
      expected
    )
    expect(all.out).toMatch(/3 of 3 deliberate attempts recorded/)
    expect(all.status).toBe(0)
  })
})

// Read the connection recorder's events (scripts/connect-recorder.c) and the DNS recorder's names; print which
// programs ran under the recorder, where they connected and what they looked up; exit 1 if anything tried an address
// beyond loopback or looked a name up. `--expect FILE` (the self-check's list of what it tried) turns it round: exit
// 1 unless every listed attempt was recorded, so a blind recorder cannot pass the check.
// Usage: node scripts/egress-report.mjs EVENTS NAMES [--expect FILE]
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { parseArgs } from 'node:util'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { expect: { type: 'string' } } })
const [eventsFile, namesFile] = positionals
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean)

const LOOPBACK = [/^127\./, /^::1$/, /^::ffff:127\./, /^0\.0\.0\.0$/, /^::$/]
const loopback = (address) => LOOPBACK.some((re) => re.test(address))
// The Scan list's DNS-SD query for network scanners (_uscan._tcp) goes to the link-local mDNS group, which no router
// forwards: it names no person and is asked for by the operator. Reported apart.
const mdns = (address, port) => (address === '224.0.0.251' || address === 'ff02::fb') && port === '5353'
// Names that /etc/hosts answers on every machine, and address literals: no lookup leaves the machine for them.
const localName = (name) => name === 'localhost' || isIP(name) !== 0

const started = new Map()
const attempts = []
const lookups = []
for (const line of lines(eventsFile)) {
  const [event, , label, ...rest] = line.split('\t')
  if (event === 'start') {
    // The recorder's label: the executable, node's script, Chromium's process type.
    started.set(rest[0], (started.get(rest[0]) ?? 0) + 1)
  } else if (event === 'connect' || event === 'send') {
    const [kind, address, port, result] = rest
    attempts.push({ event, program: label, kind, address, port, result })
  } else if (event === 'lookup') lookups.push({ program: label, name: rest[0] })
}
const names = lines(namesFile)

if (values.expect) {
  const expected = JSON.parse(readFileSync(values.expect, 'utf8'))
  const missed = [
    ...expected.destinations.filter((d) => {
      const [address, port, exe] = d.split(' ')
      return !attempts.some((a) => a.address === address && a.port === port && a.program.split(' ')[0] === exe)
    }),
    ...expected.names.filter((n) => !names.includes(n) || !lookups.some((l) => l.name === n)).map((n) => `lookup of ${n}`)
  ]
  const tried = expected.destinations.length + expected.names.length
  console.log(`egress self-check: ${tried - missed.length} of ${tried} deliberate attempts recorded`)
  for (const m of missed) console.log(`  NOT RECORDED: ${m}`)
  process.exit(missed.length ? 1 : 0)
}

const count = (items, key) => {
  const m = new Map()
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1)
  return [...m]
}
// A UDP connect() sends nothing: it asks the kernel for a route (Chromium's network service asks one for
// 2001:4860:4860::8888 to learn whether IPv6 is reachable). One the namespace refused cannot carry data afterwards,
// and data sent with an address is recorded as a send of its own: such a connect is a route query, not egress.
const routeQuery = (a) => a.event === 'connect' && a.kind === 'udp' && a.result !== 'ok' && a.result !== 'EINPROGRESS'
const local = attempts.filter((a) => loopback(a.address))
const discovery = attempts.filter((a) => mdns(a.address, a.port))
const routes = attempts.filter((a) => !loopback(a.address) && !mdns(a.address, a.port) && routeQuery(a))
const foreign = attempts.filter((a) => !loopback(a.address) && !mdns(a.address, a.port) && !routeQuery(a))
const looked = lookups.filter((l) => !localName(l.name))

console.log(`processes recorded: ${[...started.values()].reduce((a, b) => a + b, 0)}`)
for (const [name, n] of [...started].sort((a, b) => b[1] - a[1])) console.log(`  ${name}: ${n}`)
console.log(`egress: ${local.length} connections and datagrams to loopback, ${foreign.length} elsewhere`)
for (const [name, n] of count(local, (a) => a.program)) console.log(`  loopback from ${name}: ${n}`)
for (const [where, n] of count(foreign, (a) => `${a.event} ${a.kind} ${a.address} port ${a.port} from ${a.program} (${a.result})`))
  console.log(`  NOT LOOPBACK: ${where} ×${n}`)
for (const [where, n] of count(discovery, (a) => `${a.address} port ${a.port} from ${a.program}`))
  console.log(`  scanner discovery (link-local mDNS, the Scan list's): ${where} ×${n}`)
for (const [where, n] of count(routes, (a) => `${a.address} port ${a.port} from ${a.program} (${a.result})`))
  console.log(`  route query, nothing sent (UDP connect refused by the namespace): ${where} ×${n}`)
console.log(`names looked up: ${looked.length} through getaddrinfo, ${names.length} asked of the DNS recorder`)
for (const [what, n] of count(looked, (l) => `${l.name} from ${l.program}`)) console.log(`  LOOKED UP: ${what} ×${n}`)
for (const [name, n] of count(names, (n) => n)) console.log(`  ASKED OF DNS: ${name} ×${n}`)
process.exitCode = foreign.length || looked.length || names.length ? 1 : 0

// Read an strace log (connect/sendto/sendmsg, and the process calls that tell who made them) and the DNS recorder's
// list of names; print where connections went, by program, and the names; exit 1 if any connection went beyond
// loopback or any name was looked up (the recorder on 127.0.0.1:53 is loopback, but a lookup means something wanted out).
import { readFileSync } from 'node:fs'

const LOOPBACK = [/^127\./, /^::1$/, /^::ffff:127\./, /^0\.0\.0\.0$/, /^::$/]
const parent = new Map()
const program = new Map()
const seen = new Map()
// A UDP socket's connect() sends nothing: it only asks the kernel for a route (Chromium's network service asks one
// for 2001:4860:4860::8888 to learn whether IPv6 is reachable). One the namespace refused cannot carry data
// afterwards, and data sent with an address (sendto, sendmsg) is recorded as a connection of its own: such a
// connect is counted as a route query, not as egress. Every other attempt, TCP or UDP data, is egress.
const datagram = new Set()
const pending = new Map()
const routeQueries = new Map()
const record = (key) => seen.set(key, (seen.get(key) ?? 0) + 1)
const settle = (tid, call, result) => {
  const failed = /^-1 /.test(result)
  if (call.kind === 'socket') {
    if (!failed && /SOCK_DGRAM/.test(call.args)) datagram.add(`${tid} ${result.split(' ')[0]}`)
    return
  }
  const beyond = (key) => !LOOPBACK.some((re) => re.test(key.split(' ')[1]))
  if (call.kind === 'connect' && failed && beyond(call.key) && datagram.has(`${tid} ${call.fd}`))
    routeQueries.set(call.key, (routeQueries.get(call.key) ?? 0) + 1)
  else record(call.key)
}
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const pid = line.split(' ')[0]
  const exec = /execve\("([^"]+)"/.exec(line)
  if (exec && !/= -1/.test(line)) program.set(pid, exec[1].split('/').pop())
  const child = /^(\d+) (?:<\.\.\. )?(?:clone3?|v?fork)\b.*= (\d+)$/.exec(line)
  if (child) parent.set(child[2], child[1])
  const resumed = /^\d+ <\.\.\. (?:socket|connect) resumed>.*\) += (.+)$/.exec(line)
  if (resumed && pending.has(pid)) {
    settle(pid, pending.get(pid), resumed[1])
    pending.delete(pid)
    continue
  }
  const sock = /^\d+ +socket\(([^)]*)\)?(?: += (.+))?/.exec(line)
  if (sock) {
    const call = { kind: 'socket', args: sock[1] }
    if (sock[2] !== undefined) settle(pid, call, sock[2])
    else pending.set(pid, call)
    continue
  }
  const m = /sa_family=(AF_INET6?).*?sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line)
  if (!m) continue
  const key = `${pid} ${m[3] ?? m[4]} ${m[2]}`
  const conn = /^\d+ +connect\((\d+),/.exec(line)
  if (!conn) {
    record(key)
    continue
  }
  const call = { kind: 'connect', fd: conn[1], key }
  const done = /\) += (.+)$/.exec(line)
  if (done) settle(pid, call, done[1])
  else pending.set(pid, call)
}
// A call left unfinished at the end of the trace counts as egress.
for (const call of pending.values()) if (call.kind === 'connect') record(call.key)
const nameOf = (pid) => {
  for (let p = pid; p; p = parent.get(p)) if (program.has(p)) return program.get(p)
  return '?'
}
const byTarget = new Map()
for (const [key, n] of seen) {
  const [pid, address, port] = key.split(' ')
  const target = `${address} port ${port} from ${nameOf(pid)}`
  byTarget.set(target, { address, n: (byTarget.get(target)?.n ?? 0) + n })
}
// The Scan list's DNS-SD query for network scanners (_uscan._tcp) goes to the link-local mDNS group, which no router
// forwards: it names no person and is asked for by the operator. Reported apart; anything else is egress.
const MDNS = (address, port) => (address === '224.0.0.251' || address === 'ff02::fb') && port === '5353'
const entries = [...byTarget]
const discovery = entries.filter(([target, t]) => MDNS(t.address, target.split(' ')[2]))
const foreign = entries.filter((e) => !discovery.includes(e) && !LOOPBACK.some((re) => re.test(e[1].address)))
const local = entries.filter((e) => !foreign.includes(e) && !discovery.includes(e))
const total = (entries) => entries.reduce((n, [, t]) => n + t.n, 0)
console.log(`egress: ${total(local)} socket calls to loopback, ${total(foreign)} elsewhere`)
const byProgram = new Map()
for (const [target, t] of local) byProgram.set(target.split(' from ')[1], (byProgram.get(target.split(' from ')[1]) ?? 0) + t.n)
for (const [name, n] of byProgram) console.log(`  loopback from ${name}: ${n} calls`)
for (const [target, t] of foreign) console.log(`  NOT LOOPBACK: ${target} (${t.n} calls)`)
for (const [target, t] of discovery) console.log(`  scanner discovery (link-local mDNS, the Scan list's): ${target} (${t.n} calls)`)
for (const [key, n] of routeQueries) {
  const [pid, address, port] = key.split(' ')
  console.log(`  route query, nothing sent (UDP connect refused by the namespace): ${address} port ${port} from ${nameOf(pid)} (${n})`)
}
const names = new Map()
for (const name of readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean)) names.set(name, (names.get(name) ?? 0) + 1)
console.log(`names looked up: ${names.size}`)
for (const [name, n] of names) console.log(`  LOOKED UP: ${name} (${n} times)`)
process.exitCode = foreign.length || names.size ? 1 : 0

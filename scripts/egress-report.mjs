// Read an strace log (connect/sendto/sendmsg, and the process calls that tell who made them) and the DNS recorder's
// list of names; print where connections went, by program, and the names; exit 1 if any connection went beyond
// loopback or any name was looked up (the recorder on 127.0.0.1:53 is loopback, but a lookup means something wanted out).
import { readFileSync } from 'node:fs'

const LOOPBACK = [/^127\./, /^::1$/, /^::ffff:127\./, /^0\.0\.0\.0$/, /^::$/]
const parent = new Map()
const program = new Map()
const seen = new Map()
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const pid = line.split(' ')[0]
  const exec = /execve\("([^"]+)"/.exec(line)
  if (exec && !/= -1/.test(line)) program.set(pid, exec[1].split('/').pop())
  const child = /^(\d+) (?:<\.\.\. )?(?:clone3?|v?fork)\b.*= (\d+)$/.exec(line)
  if (child) parent.set(child[2], child[1])
  const m = /sa_family=(AF_INET6?).*?sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line)
  if (m) seen.set(`${pid} ${m[3] ?? m[4]} ${m[2]}`, (seen.get(`${pid} ${m[3] ?? m[4]} ${m[2]}`) ?? 0) + 1)
}
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
const foreign = [...byTarget].filter(([, t]) => !LOOPBACK.some((re) => re.test(t.address)))
const local = [...byTarget].filter((e) => !foreign.includes(e))
const total = (entries) => entries.reduce((n, [, t]) => n + t.n, 0)
console.log(`egress: ${total(local)} socket calls to loopback, ${total(foreign)} elsewhere`)
const byProgram = new Map()
for (const [target, t] of local) byProgram.set(target.split(' from ')[1], (byProgram.get(target.split(' from ')[1]) ?? 0) + t.n)
for (const [name, n] of byProgram) console.log(`  loopback from ${name}: ${n} calls`)
for (const [target, t] of foreign) console.log(`  NOT LOOPBACK: ${target} (${t.n} calls)`)
const names = new Map()
for (const name of readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean)) names.set(name, (names.get(name) ?? 0) + 1)
console.log(`names looked up: ${names.size}`)
for (const [name, n] of names) console.log(`  LOOKED UP: ${name} (${n} times)`)
process.exitCode = foreign.length || names.size ? 1 : 0

// Read an strace log of connect/sendto/sendmsg calls and print where they went; exit 1 if any went beyond loopback.
import { readFileSync } from 'node:fs'

const LOOPBACK = [/^127\./, /^::1$/, /^::ffff:127\./, /^0\.0\.0\.0$/, /^::$/]
const lines = readFileSync(process.argv[2], 'utf8').split('\n')
const seen = new Map()
for (const line of lines) {
  const m = /sa_family=(AF_INET6?).*?sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line)
  if (!m) continue
  const address = m[3] ?? m[4]
  const key = `${address} port ${m[2]}`
  seen.set(key, (seen.get(key) ?? 0) + 1)
}
const foreign = [...seen].filter(([key]) => !LOOPBACK.some((re) => re.test(key.split(' ')[0])))
const local = [...seen].filter((e) => !foreign.includes(e))
const total = (entries) => entries.reduce((n, [, c]) => n + c, 0)
console.log(`egress: ${total(local)} socket calls to loopback (${local.length} address:port pairs), ${total(foreign)} elsewhere`)
for (const [key, n] of foreign) console.log(`  NOT LOOPBACK: ${key} (${n} calls)`)
process.exitCode = foreign.length ? 1 : 0

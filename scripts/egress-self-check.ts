/**
 * The no-egress check's proof that its recorders are not blind (scripts/no-egress.sh runs it inside the namespace,
 * before the tests): a TCP connect and a datagram from Node, a name lookup, a TCP connect from a program that is not
 * Node (bash's /dev/tcp), and a page load in the test browser launched exactly as the e2e specs launch it, each to
 * a documentation address (RFC 5737, routed nowhere). Writes what it tried to the file named by its argument;
 * `egress-report.mjs --expect` then fails unless the recorders saw every one of them.
 */
import { execFileSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { lookup } from 'node:dns/promises'
import { connect } from 'node:net'
import { writeFileSync } from 'node:fs'
import { launchBrowser } from '../test/e2e/fixtures/browser'

/** What was tried: destinations as `address port program`, and names. */
interface Expected {
  destinations: string[]
  names: string[]
}

const expected: Expected = { destinations: [], names: [] }

async function tcpFromNode(address: string, port: number): Promise<void> {
  expected.destinations.push(`${address} ${port} node`)
  await new Promise<void>((resolve) =>
    connect(port, address)
      .once('error', () => resolve())
      .once('connect', resolve)
  )
}

async function udpFromNode(address: string, port: number): Promise<void> {
  expected.destinations.push(`${address} ${port} node`)
  const socket = createSocket('udp4')
  await new Promise<void>((resolve) => socket.send('egress self-check', port, address, () => resolve()))
  socket.close()
}

async function lookupFromNode(name: string): Promise<void> {
  expected.names.push(name)
  await lookup(name).catch(() => undefined)
}

function tcpFromBash(address: string, port: number): void {
  expected.destinations.push(`${address} ${port} bash`)
  try {
    execFileSync('bash', ['-c', `exec 3<>/dev/tcp/${address}/${port}`], { stdio: 'ignore', timeout: 10_000 })
  } catch {
    // Refused by the namespace, as it should be: the attempt is what the recorder must see.
  }
}

async function pageFromBrowser(address: string, port: number): Promise<void> {
  expected.destinations.push(`${address} ${port} chromium`)
  // The specs' browser maps every host but 127.0.0.1 to "not found" before connecting; this one address is let
  // through (Chromium takes a switch's last value), so that its network service makes the attempt.
  const browser = await launchBrowser([`--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE ${address}`])
  try {
    const page = await browser.newPage()
    await page.goto(`http://${address}:${port}/`, { timeout: 30_000 }).catch(() => undefined)
  } finally {
    await browser.close()
  }
}

await tcpFromNode('192.0.2.1', 9)
await udpFromNode('192.0.2.2', 9)
await lookupFromNode('egress-self-check.example.com')
tcpFromBash('192.0.2.3', 9)
await pageFromBrowser('192.0.2.4', 80)
writeFileSync(process.argv[2], JSON.stringify(expected, null, 2))

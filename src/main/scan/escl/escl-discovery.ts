import makeMdns from 'multicast-dns'
import type { Options as MdnsOptions } from 'multicast-dns'
import type { Answer } from 'dns-packet'
import { scanConfig } from '../scan-config'
import type { ScanDevice } from '../scan-source'

/** The DNS-SD service types of eSCL (Mopria eSCL §4): plain and TLS. */
export const ESCL_SERVICES = ['_uscan._tcp.local', '_uscans._tcp.local'] as const

/**
 * Devices named by a set of mDNS records: each PTR of an eSCL service gives an instance, its SRV the host and port,
 * its TXT the eSCL root (`rs`, default eSCL) and model (`ty`), the host's A record the address.
 */
export function devicesFromRecords(records: Answer[]): ScanDevice[] {
  const byName = new Map<string, Answer[]>()
  for (const r of records) byName.set(r.name.toLowerCase(), [...(byName.get(r.name.toLowerCase()) ?? []), r])
  const devices = new Map<string, ScanDevice>()
  for (const ptr of records) {
    if (ptr.type !== 'PTR' || !(ESCL_SERVICES as readonly string[]).includes(ptr.name.toLowerCase())) continue
    const instance = String(ptr.data)
    const own = byName.get(instance.toLowerCase()) ?? []
    const srv = own.find((r) => r.type === 'SRV')
    if (!srv || srv.type !== 'SRV') continue
    const txt = txtOf(own)
    const a = (byName.get(srv.data.target.toLowerCase()) ?? []).find((r) => r.type === 'A')
    const host = a && a.type === 'A' ? a.data : srv.data.target.replace(/\.$/, '')
    const scheme = ptr.name.toLowerCase().startsWith('_uscans') ? 'https' : 'http'
    const root = (txt.rs ?? 'eSCL').replace(/^\/+|\/+$/g, '')
    const url = `${scheme}://${host}:${srv.data.port}/${root}`
    devices.set(url, { id: `escl:${url}`, name: txt.ty ?? instance.split('._')[0], source: 'escl' })
  }
  return [...devices.values()]
}

function txtOf(records: Answer[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const r of records) {
    if (r.type !== 'TXT') continue
    const parts = Array.isArray(r.data) ? r.data : [r.data]
    for (const p of parts) {
      const s = Buffer.isBuffer(p) ? p.toString('utf8') : String(p)
      const eq = s.indexOf('=')
      if (eq > 0) out[s.slice(0, eq).toLowerCase()] = s.slice(eq + 1)
    }
  }
  return out
}

/**
 * Ask the local network for eSCL scanners for a moment and return what answered. A network where multicast is not
 * allowed, or nobody answers, gives an empty list in that time, never an error: a manual address always works.
 */
export async function discoverEscl(timeoutMs: number = scanConfig.escl.discoveryMs, options: MdnsOptions = {}): Promise<ScanDevice[]> {
  const records: Answer[] = []
  let mdns: ReturnType<typeof makeMdns>
  try {
    mdns = makeMdns(options)
  } catch {
    return []
  }
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      mdns.destroy()
      resolve(devicesFromRecords(records))
    }
    const timer = setTimeout(done, timeoutMs)
    // No multicast route, no interface: nothing can be found, so stop now.
    mdns.on('error', done)
    mdns.on('response', (packet) => {
      records.push(...(packet.answers ?? []), ...(packet.additionals ?? []))
    })
    mdns.query({ questions: ESCL_SERVICES.map((name) => ({ name, type: 'PTR' as const })) }, (err) => {
      if (err) done()
    })
  })
}

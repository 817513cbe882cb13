/**
 * DNS-SD discovery of eSCL devices. The records are a real mDNS answer on the wire (encoded and decoded by
 * dns-packet, the library multicast-dns reads packets with), shaped as printers advertise `_uscan._tcp` and
 * `_uscans._tcp`. The round trip over multicast itself is not run here: loopback carries no multicast, and the tests
 * send nothing to other machines beyond the one query below.
 */
import { decode, encode } from 'dns-packet'
import type { Answer } from 'dns-packet'
import { describe, expect, it } from 'vitest'
import { devicesFromRecords, discoverEscl } from '../../../src/main/scan/escl/escl-discovery'

function onTheWire(answers: Answer[], additionals: Answer[]): Answer[] {
  const packet = decode(encode({ type: 'response', id: 0, flags: 0x8400, answers, additionals }))
  return [...(packet.answers ?? []), ...(packet.additionals ?? [])]
}

describe('eSCL discovery', () => {
  it('turns PTR, SRV, TXT and A records into device ids with the root from `rs` and the model from `ty`', () => {
    const records = onTheWire(
      [
        { name: '_uscan._tcp.local', type: 'PTR', data: 'Office MFP._uscan._tcp.local' },
        { name: '_uscans._tcp.local', type: 'PTR', data: 'Office MFP._uscans._tcp.local' },
        { name: '_uscan._tcp.local', type: 'PTR', data: 'Desk Scanner._uscan._tcp.local' }
      ],
      [
        { name: 'Office MFP._uscan._tcp.local', type: 'SRV', data: { port: 80, target: 'mfp.local', priority: 0, weight: 0 } },
        { name: 'Office MFP._uscan._tcp.local', type: 'TXT', data: ['txtvers=1', 'rs=eSCL', 'ty=HP LaserJet MFP M234sdw'] },
        { name: 'Office MFP._uscans._tcp.local', type: 'SRV', data: { port: 443, target: 'mfp.local', priority: 0, weight: 0 } },
        { name: 'Office MFP._uscans._tcp.local', type: 'TXT', data: ['rs=/eSCL/', 'ty=HP LaserJet MFP M234sdw'] },
        { name: 'mfp.local', type: 'A', data: '192.168.1.20' },
        // No A record and no TXT: the host name and the default root, the instance as its name.
        { name: 'Desk Scanner._uscan._tcp.local', type: 'SRV', data: { port: 8080, target: 'desk.local', priority: 0, weight: 0 } }
      ]
    )
    expect(devicesFromRecords(records)).toEqual([
      { id: 'escl:http://192.168.1.20:80/eSCL', name: 'HP LaserJet MFP M234sdw', source: 'escl' },
      { id: 'escl:https://192.168.1.20:443/eSCL', name: 'HP LaserJet MFP M234sdw', source: 'escl' },
      { id: 'escl:http://desk.local:8080/eSCL', name: 'Desk Scanner', source: 'escl' }
    ])
  })

  it('ignores other services and instances without an SRV record', () => {
    const records = onTheWire(
      [
        { name: '_ipp._tcp.local', type: 'PTR', data: 'Printer._ipp._tcp.local' },
        { name: '_uscan._tcp.local', type: 'PTR', data: 'Gone._uscan._tcp.local' }
      ],
      [{ name: 'Printer._ipp._tcp.local', type: 'SRV', data: { port: 631, target: 'p.local', priority: 0, weight: 0 } }]
    )
    expect(devicesFromRecords(records)).toEqual([])
  })

  it('answers within its time on a network where nobody answers (or multicast is not allowed)', async () => {
    const started = Date.now()
    const found = await discoverEscl(500)
    expect(Array.isArray(found)).toBe(true)
    expect(Date.now() - started).toBeLessThan(1_500)
  })
})

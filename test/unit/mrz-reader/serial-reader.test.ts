import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventContract } from '../../../src/shared/contract'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import { SerialMrzReader } from '../../../src/main/mrz-reader/serial-reader'
import type { SerialRead } from '../../../src/main/mrz-reader/serial-frames'
import { frame, LINES, ptyPair, socatMissing, TD1_LINES } from './serial-device'

const missing = socatMissing()
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Poll until `check` holds (the port's reads arrive asynchronously). */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(20)
  }
}

/** Write to the reader's side of the cable as its firmware would, in the pieces given, pausing between them. */
async function send(host: string, pieces: readonly Buffer[], pauseMs = 30): Promise<void> {
  const fd = openSync(host, 'w')
  try {
    for (const p of pieces) {
      writeSync(fd, p)
      await sleep(pauseMs)
    }
  } finally {
    closeSync(fd)
  }
}

describe.skipIf(missing)('a serial MRZ reader through a socat pty pair (skipped without socat: bash scripts/setup.sh installs it)', () => {
  let dir: string
  let reads: SerialRead[]
  let statuses: { connected: boolean; code: string | null }[]
  let reader: SerialMrzReader | null
  const texts = (): string[] => reads.map((r) => ('text' in r ? r.text : r.error.code))
  const open = (path: string): SerialMrzReader => {
    reader = new SerialMrzReader(
      { path, baudRate: 9600, reconnectMs: 100 },
      { read: (r) => reads.push(r), status: (s) => statuses.push({ connected: s.connected, code: s.error?.code ?? null }) }
    )
    reader.start()
    return reader
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prw-serial-'))
    reads = []
    statuses = []
    reader = null
  })
  afterEach(async () => {
    await reader?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads frames sent whole, split across writes, with a bad BCC, and with noise between them', async () => {
    const cable = await ptyPair(dir)
    try {
      open(cable.device)
      await until(() => statuses.some((s) => s.connected))
      const f = frame(LINES)
      const bad = Buffer.from(f)
      bad[bad.length - 1] ^= 0x55
      await send(cable.host, [f])
      await send(cable.host, [f.subarray(0, 7), f.subarray(7, 50), f.subarray(50)])
      await send(cable.host, [bad, Buffer.from('\r\nNOISE\x00\xff\r\n', 'latin1'), f])
      await send(cable.host, [Buffer.from(`${LINES[0]}\r\n${LINES[1]}\r\n`)])
      await until(() => reads.length >= 5)
      expect(texts()).toEqual([LINES.join('\n'), LINES.join('\n'), 'MRZ_READ_INCOMPLETE', LINES.join('\n'), LINES.join('\n')])
    } finally {
      await cable.stop()
    }
  })

  it('waits for a port that is not there yet, and opens it again after the device went away', async () => {
    const path = join(dir, 'reader')
    open(path)
    await until(() => statuses.length > 0)
    expect(statuses[0]).toEqual({ connected: false, code: 'MRZ_READER_UNREACHABLE' })
    let cable = await ptyPair(dir)
    await until(() => statuses.some((s) => s.connected))
    await send(cable.host, [frame(LINES)])
    await until(() => reads.length === 1)
    // Unplugged: socat's end goes away, and with it the port.
    await cable.stop()
    await until(() => statuses.at(-1)?.connected === false)
    const before = statuses.length
    cable = await ptyPair(dir)
    try {
      await until(() => statuses.slice(before).some((s) => s.connected))
      await send(cable.host, [frame(LINES)])
      await until(() => reads.length === 2)
      expect(texts()).toEqual([LINES.join('\n'), LINES.join('\n')])
    } finally {
      await cable.stop()
    }
  })

  it('feeds the app: a read on the port chosen in the settings becomes an MRZ-only document, announced to the windows', async () => {
    const cable = await ptyPair(dir)
    const pool = await readyEngine()
    const t = tempStore()
    const ws = createWorkstation(t.store, pool, { scanSources: [] })
    const seen: EventContract['mrzReader:read'][] = []
    const connected: boolean[] = []
    ws.events.on('mrzReader:read', (e) => seen.push(e))
    ws.events.on('mrzReader:status', (e) => connected.push(e.connected))
    try {
      expect(await dispatch(ws.handlers, 'settings:update', { mrzReaderPort: cable.device, mrzReaderBaud: 19200 })).toMatchObject({
        ok: true
      })
      await until(() => connected.includes(true))
      expect(await dispatch(ws.handlers, 'mrzReader:getStatus', {})).toEqual({
        ok: true,
        value: { port: cable.device, connected: true, error: null }
      })
      const bad = frame(LINES)
      bad[bad.length - 1] ^= 1
      await send(cable.host, [bad, frame(LINES)])
      await until(() => seen.length === 2)
      expect(seen[0]).toMatchObject({ result: null, error: { code: 'MRZ_READ_INCOMPLETE' } })
      expect(seen[1]).toMatchObject({ result: { outcome: 'created' }, error: null })
      const doc = ws.documents.get(seen[1].result?.id ?? 0)
      expect(doc).toMatchObject({ source: 'mrz-reader', passportNumber: 'L898902C3', hasImage: false })
      expect(JSON.parse(t.store.audit.list({ documentId: doc.id, type: 'imported', limit: 1 })[0].detail ?? '{}')).toMatchObject({
        via: 'serial'
      })
      // An identity card's zone (TD1) framed the same way: a document of its own, its format kept.
      await send(cable.host, [frame(TD1_LINES, 'I')])
      await until(() => seen.length === 3)
      expect(seen[2]).toMatchObject({ result: { outcome: 'created' }, error: null })
      const card = ws.documents.get(seen[2].result?.id ?? 0)
      expect(card).toMatchObject({ source: 'mrz-reader', fileName: 'MRZ reader (TD1)', passportNumber: 'D23145890', hasImage: false })
      expect(card.response?.validation.mrzZone).toEqual({ format: 'TD1', lines: TD1_LINES })
      expect(JSON.parse(t.store.audit.list({ documentId: card.id, type: 'imported', limit: 1 })[0].detail ?? '{}')).toMatchObject({
        via: 'serial',
        mrzFormat: 'TD1'
      })
      // No port: the reader is closed.
      await dispatch(ws.handlers, 'settings:update', { mrzReaderPort: '' })
      expect(await dispatch(ws.handlers, 'mrzReader:getStatus', {})).toEqual({
        ok: true,
        value: { port: '', connected: false, error: null }
      })
    } finally {
      await ws.close()
      await pool.close()
      t.cleanup()
      await cable.stop()
    }
  })

  it("reads an identity card's three lines (TD1) framed, whole and split, and as plain lines", async () => {
    const cable = await ptyPair(dir)
    try {
      open(cable.device)
      await until(() => statuses.some((s) => s.connected))
      const f = frame(TD1_LINES, 'I')
      await send(cable.host, [f, f.subarray(0, 40), f.subarray(40)])
      await send(cable.host, [Buffer.from(`${TD1_LINES[0]}\r\n${TD1_LINES[1]}\r\n`), Buffer.from(`${TD1_LINES[2]}\r\n`)])
      await until(() => reads.length >= 3)
      expect(texts()).toEqual([TD1_LINES.join('\n'), TD1_LINES.join('\n'), TD1_LINES.join('\n')])
    } finally {
      await cable.stop()
    }
  })

  it('prints each read from the command line (recognize --mrz-reader PORT) until interrupted', async () => {
    const cable = await ptyPair(dir)
    const cli = fileURLToPath(new URL('../../../scripts/cli.mjs', import.meta.url))
    const child = spawn(process.execPath, [cli, 'recognize', '--mrz-reader', cable.device], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    try {
      await until(() => err.includes('connected'), 60_000)
      await send(cable.host, [frame(LINES), Buffer.from(`${LINES[0]}\r\n`), frame([LINES[0], LINES[1].replace('7408122', '7408132')])])
      await until(() => out.split('\n').length > 2)
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines[0]).toMatchObject({ port: cable.device, data: { passportNumber: 'L898902C3', mrzLine1: LINES[0], mrzLine2: LINES[1] } })
      expect(lines[1]).toMatchObject({ port: cable.device, error: { code: 'MRZ_CHECK_FAILED' } })
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGINT')
      expect(await exit).toBe(0)
    } finally {
      child.kill()
      await cable.stop()
    }
  })
})

import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** ICAO Doc 9303's specimen passport (the fictitious state Utopia). */
export const LINES = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']

/** ICAO Doc 9303's specimen identity card (TD1, part 5). */
export const TD1_LINES = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']

/**
 * A read as a 3M/Thales-style reader frames it: SOH, a header, STX, each line and CR, ETX, then the BCC (XOR of
 * every byte after SOH through ETX).
 */
export function frame(lines: readonly string[], header = 'P'): Buffer {
  const body = Buffer.from(`${header}\x02${lines.map((l) => `${l}\r`).join('')}\x03`, 'latin1')
  return Buffer.concat([Buffer.of(0x01), body, Buffer.of(body.reduce((a, b) => a ^ b, 0))])
}

/** Is socat here (scripts/setup.sh installs it)? */
export const socatMissing = (): boolean => spawnSync('socat', ['-V']).error !== undefined

/**
 * A virtual serial cable: socat's pty pair, `device` the reader's end (what the app opens, as it would a virtual COM
 * port), `host` the end the test writes frames into as the reader's firmware would.
 */
export async function ptyPair(dir: string): Promise<{ device: string; host: string; process: ChildProcess; stop(): Promise<void> }> {
  const device = join(dir, 'reader')
  const host = join(dir, 'host')
  const p = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' })
  const deadline = Date.now() + 5000
  while (!(existsSync(device) && existsSync(host))) {
    if (Date.now() > deadline) throw new Error('socat did not make its pty pair')
    await new Promise((r) => setTimeout(r, 20))
  }
  return {
    device,
    host,
    process: p,
    stop: () =>
      new Promise((resolve) => {
        if (p.exitCode !== null) return resolve()
        p.once('exit', () => resolve())
        p.kill()
      })
  }
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import electronFuses from '@electron/fuses'
import fuseConstants from '@electron/fuses/dist/constants.js'
import { load } from 'js-yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { checkFuses } from '../../../scripts/smoke/fuses'
import { devtoolsEndpoint, unpackedAppCandidates } from '../../../scripts/smoke/packaged-app'
import { appProcesses, parsePs, parseWin32Processes } from '../../../scripts/smoke/processes'

const { FuseV1Options, flipFuses, getCurrentFuseWire } = electronFuses
const { FuseState, SENTINEL } = fuseConstants
const ROOT = join(import.meta.dirname, '../../..')
const declared = (load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> }).electronFuses
const dir = mkdtempSync(join(tmpdir(), 'prw-fuses-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A stand-in for an Electron binary: bytes around the fuse sentinel, version 1 and eight fuses in the states a
 * downloaded Electron has (runAsNode, cookie encryption off, NODE_OPTIONS and --inspect on, no asar integrity…).
 */
function fakeElectron(name: string): string {
  const D = FuseState.DISABLE
  const E = FuseState.ENABLE
  const file = join(dir, name)
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 8, E, D, E, E, D, D, D, E]), Buffer.alloc(512, 9)]))
  return file
}

describe('the smoke test: fuses read back from the binary', () => {
  it('declares every fuse of the wire in electron-builder.yml', () => {
    expect(Object.keys(declared).sort()).toEqual(
      Object.keys(FuseV1Options)
        .filter((k) => Number.isNaN(Number(k)))
        .map((k) => k[0].toLowerCase() + k.slice(1))
        .sort()
    )
  })

  it('finds every difference in an Electron binary as downloaded (fuses not flipped)', async () => {
    const checks = checkFuses(declared, (await getCurrentFuseWire(fakeElectron('plain'))) as unknown as Record<number, number>)
    expect(checks.filter((c) => !c.ok).map((c) => `${c.fuse}:${c.actual}`)).toEqual([
      'runAsNode:enabled',
      'enableCookieEncryption:disabled',
      'enableNodeOptionsEnvironmentVariable:enabled',
      'enableNodeCliInspectArguments:enabled',
      'enableEmbeddedAsarIntegrityValidation:disabled',
      'onlyLoadAppFromAsar:disabled',
      'grantFileProtocolExtraPrivileges:enabled'
    ])
  })

  it('passes a binary flipped as electron-builder flips it from electron-builder.yml', async () => {
    const file = fakeElectron('flipped')
    const config: Record<string, unknown> = { version: '1' }
    for (const [key, value] of Object.entries(declared)) config[FuseV1Options[(key[0].toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options]] = value
    await flipFuses(file, config as unknown as Parameters<typeof flipFuses>[1])
    const checks = checkFuses(declared, (await getCurrentFuseWire(file)) as unknown as Record<number, number>)
    expect(checks).toHaveLength(8)
    expect(checks.filter((c) => !c.ok)).toEqual([])
  })

  it('fails a fuse the config does not declare, and one the binary does not have', () => {
    const missingOne = { ...declared }
    delete missingOne.runAsNode
    expect(checkFuses(missingOne, { 0: FuseState.DISABLE }).map((c) => [c.fuse, c.ok])).toEqual([
      ['runAsNode', false],
      ...Object.keys(missingOne).map((k) => [k, false])
    ])
  })
})

describe('the smoke test: finding and watching the packaged app', () => {
  const names = { productName: 'Passport Review Workstation', packageName: 'passport-review-workstation' }

  it("looks where electron-builder puts each system's unpacked app", () => {
    expect(unpackedAppCandidates('/r', 'linux', 'x64', names)).toEqual([
      { executable: join('/r', 'linux-unpacked', 'passport-review-workstation'), fuseTarget: join('/r', 'linux-unpacked', 'passport-review-workstation') }
    ])
    expect(unpackedAppCandidates('/r', 'win32', 'x64', names)[0].executable).toBe(join('/r', 'win-unpacked', 'Passport Review Workstation.exe'))
    expect(unpackedAppCandidates('/r', 'darwin', 'arm64', names)[0]).toEqual({
      executable: join('/r', 'mac-arm64', 'Passport Review Workstation.app', 'Contents', 'MacOS', 'Passport Review Workstation'),
      fuseTarget: join('/r', 'mac-arm64', 'Passport Review Workstation.app')
    })
  })

  it('reads the DevTools endpoint Chromium prints', () => {
    expect(devtoolsEndpoint('x\nDevTools listening on ws://127.0.0.1:41234/devtools/browser/1f0c-9a\n')).toBe('ws://127.0.0.1:41234/devtools/browser/1f0c-9a')
    expect(devtoolsEndpoint('DevTools listening on ws://0.0.0.0:1/devtools/browser/x')).toBeNull()
    expect(devtoolsEndpoint('')).toBeNull()
  })

  it("sorts the app's process tree by role and sums resident memory; other programs are left out", () => {
    const rows = parsePs(
      [
        '  100     1 200000 /opt/prw/passport-review-workstation --remote-debugging-port=0',
        '  101   100  50000 /opt/prw/passport-review-workstation --type=zygote',
        '  102   101 150000 /opt/prw/passport-review-workstation --type=renderer --enable-sandbox',
        '  103   100  90000 /opt/prw/passport-review-workstation --type=utility --utility-sub-type=node.mojom.NodeService',
        '  104   100  30000 /opt/prw/passport-review-workstation --type=utility --utility-sub-type=network.mojom.NetworkService',
        '  105   100  91000 /opt/prw/passport-review-workstation --type=utility --utility-sub-type=node.mojom.NodeService',
        '  200     1 999999 /usr/bin/some-other-program --type=renderer'
      ].join('\n')
    )
    const tree = appProcesses(rows, 100)
    expect(tree.main).toEqual({ pids: [100], rssBytes: 200000 * 1024 })
    expect(tree.renderer).toEqual({ pids: [102], rssBytes: 150000 * 1024 })
    expect(tree.recognition).toEqual({ pids: [103, 105], rssBytes: 181000 * 1024 })
    expect(tree.other).toEqual({ pids: [101, 104], rssBytes: 80000 * 1024 })
  })

  it("reads Windows' process list (a child listed before its parent is still found)", () => {
    const rows = parseWin32Processes(
      JSON.stringify([
        { ProcessId: 9, ParentProcessId: 8, WorkingSetSize: 1000, CommandLine: 'prw.exe --type=renderer' },
        { ProcessId: 8, ParentProcessId: 7, WorkingSetSize: 2000, CommandLine: 'prw.exe --type=gpu-process' },
        { ProcessId: 7, ParentProcessId: 1, WorkingSetSize: 3000, CommandLine: null }
      ])
    )
    expect(appProcesses(rows, 7).renderer).toEqual({ pids: [9], rssBytes: 1000 })
    expect(appProcesses(rows, 7).other).toEqual({ pids: [8], rssBytes: 2000 })
  })
})

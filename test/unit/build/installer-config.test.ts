import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Ajv } from 'ajv'
import { load } from 'js-yaml'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { LINUX_SIZES, makeIcons } from '../../../scripts/make-icons'
import { IMAGE_EXTENSIONS } from '../../../src/main/ingest/image-type'

const ROOT = resolve(import.meta.dirname, '../../..')
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  fileAssociations: { ext: string | string[]; mimeType: string }[]
  nsis: Record<string, unknown>
  mac: { extendInfo: Record<string, string>; entitlements: string }
}
const out = mkdtempSync(join(tmpdir(), 'prw-icons-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the installer configuration (electron-builder.yml)', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(config) ? [] : validate.errors).toEqual([])
    // The schema does refuse what electron-builder would: an unknown key, a wrong type.
    expect(validate({ ...config, winn: { target: 'nsis' } })).toBe(false)
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'no' } })).toBe(false)
  })

  it('associates exactly the image types the importer takes, each with its MIME type for Linux', () => {
    const exts = config.fileAssociations.flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]))
    expect(exts.map((e) => `.${e}`).sort()).toEqual([...IMAGE_EXTENSIONS].sort())
    for (const a of config.fileAssociations) expect(a.mimeType).toMatch(/^(image\/[a-z]+|application\/pdf)$/)
  })

  it('installs per user on Windows and keeps the data on uninstall; asks for the camera on macOS', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false })
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/)
    expect(readFileSync(join(ROOT, config.mac.entitlements), 'utf8')).toMatch(/<key>com\.apple\.security\.device\.camera<\/key>\s*<true\/>/)
  })

  it('holds no signing secret: those come from the environment only', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'appleId', 'appleIdPassword', 'teamId'])
      expect(text, key).not.toMatch(new RegExp(`^\\s*${key}\\s*:`, 'm'))
  })
})

describe('npm run icons: every icon from build/icon.svg', () => {
  it('writes a Windows .ico of 16–256 px, a macOS .icns and the Linux png set', async () => {
    await makeIcons(join(ROOT, 'build', 'icon.svg'), out)
    const ico = readFileSync(join(out, 'icon.ico'))
    // ICONDIR: reserved 0, type 1 (icon), then one 16-byte entry per image whose first byte is the width (0 = 256).
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256)
    expect(widths).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    const icns = readFileSync(join(out, 'icon.icns'))
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'))
    // 16 px (is32/icp4) up to 512@2x (ic10).
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic08', 'ic07']))
    for (const size of LINUX_SIZES) {
      const meta = await sharp(join(out, 'icons', `${size}x${size}.png`)).metadata()
      expect([meta.format, meta.width, meta.height, meta.hasAlpha], `${size}`).toEqual(['png', size, size, true])
    }
  })
})

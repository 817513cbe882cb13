// `npm run icons`: every icon the installers need, from build/icon.svg: build/icon.png (1024 px), build/icon.ico
// (Windows, 16–256 px), build/icon.icns (macOS, 16 px–512@2x) and build/icons/NxN.png (Linux). `npm run dist` runs it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import png2icons from 'png2icons'
import sharp from 'sharp'

/** The Linux set: the sizes desktop environments look for in hicolor. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const
const MASTER_SIZE = 1024

/** Render the icon set from one SVG into `outDir`; answers the files written. */
export async function makeIcons(svgPath: string, outDir: string): Promise<string[]> {
  const svg = readFileSync(svgPath)
  // The SVG is drawn at 1024 px; smaller sizes are resampled from that rendering.
  const render = (size: number): Promise<Buffer> => sharp(svg).resize(size, size).png().toBuffer()
  const written: string[] = []
  const write = (path: string, bytes: Buffer): void => {
    writeFileSync(path, bytes)
    written.push(path)
  }
  const master = await render(MASTER_SIZE)
  write(join(outDir, 'icon.png'), master)
  // PNG entries with BMP ones for the small sizes (`forWinExe`): what the Windows resource compiler and Explorer read.
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true)
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0)
  if (!ico || !icns) throw new Error('png2icons could not convert build/icon.png')
  write(join(outDir, 'icon.ico'), ico)
  write(join(outDir, 'icon.icns'), icns)
  mkdirSync(join(outDir, 'icons'), { recursive: true })
  for (const size of LINUX_SIZES) write(join(outDir, 'icons', `${size}x${size}.png`), size === MASTER_SIZE ? master : await render(size))
  return written
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const build = resolve(import.meta.dirname, '..', 'build')
  for (const file of await makeIcons(join(build, 'icon.svg'), build)) console.log(file)
}

import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openedImagePaths } from '../../../src/main/windows/opened-files'

describe('openedImagePaths: images the file manager asked the app to open', () => {
  it("takes a packaged app's image arguments, resolving relative ones against the start's folder", () => {
    expect(openedImagePaths(['/opt/prw/prw', '/scans/a.JPG', 'b.tiff'], true, '/home/op')).toEqual(['/scans/a.JPG', resolve('/home/op', 'b.tiff')])
  })

  it("skips a development start's own app path, switches, and files the importer does not take", () => {
    expect(
      openedImagePaths(
        ['/x/electron', 'out/main/index.js', '--remote-debugging-port=0', '--allow-file-access-from-files', 'notes.txt', 'letter.docx', 'page.png'],
        false,
        '/w'
      )
    ).toEqual([join('/w', 'page.png')])
  })

  it('finds nothing in a plain start', () => {
    expect(openedImagePaths(['C:\\Program Files\\PRW\\PRW.exe'], true, 'C:\\')).toEqual([])
    expect(openedImagePaths(['/x/electron', '.'], false, '/w')).toEqual([])
  })
})

import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/windows/menu-template'

const fileMenu = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  (items.find((i) => i.label !== undefined)?.submenu ?? []) as MenuItemConstructorOptions[]

describe('the application menu', () => {
  it('offers Open images… and Import folder… in the interface language, each importing the right way', () => {
    const calls: boolean[] = []
    const zh = menuTemplate('zh-CN', 'linux', (folders) => calls.push(folders))
    expect(zh[0].label).toBe('文件')
    const [open, folder] = fileMenu(zh)
    expect([open.label, open.accelerator, folder.label, folder.accelerator]).toEqual([
      '打开图片…',
      'CmdOrCtrl+O',
      '导入文件夹…',
      'CmdOrCtrl+Shift+O'
    ])
    ;(open.click as () => void)()
    ;(folder.click as () => void)()
    expect(calls).toEqual([false, true])
    expect(fileMenu(menuTemplate('en', 'linux', () => undefined)).map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open images…',
      'Import folder…',
      'separator',
      'quit'
    ])
  })

  it('keeps the standard menus, with the app menu first on macOS', () => {
    expect(menuTemplate('en', 'win32', () => undefined).map((i) => i.role ?? i.label)).toEqual([
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu'
    ])
    expect(menuTemplate('en', 'darwin', () => undefined).map((i) => i.role ?? i.label)).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu'
    ])
  })
})

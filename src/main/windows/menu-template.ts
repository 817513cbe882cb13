import type { MenuItemConstructorOptions } from 'electron'
import type { Settings } from '../../shared/domain/document'

/** What the desktop app says outside the window (menu, dialogs), in the interface's language. */
export interface ShellText {
  file: string
  openImages: string
  importFolder: string
  imageFilter: string
  notImported: string
  importFailed: string
}

const TEXT: Record<Settings['language'], ShellText> = {
  'zh-CN': {
    file: '文件',
    openImages: '打开图片…',
    importFolder: '导入文件夹…',
    imageFilter: '护照图片',
    notImported: '部分文件未导入',
    importFailed: '导入失败'
  },
  en: {
    file: 'File',
    openImages: 'Open images…',
    importFolder: 'Import folder…',
    imageFilter: 'Passport images',
    notImported: 'Some files were not imported',
    importFailed: 'Import failed'
  }
}

export function shellText(language: Settings['language']): ShellText {
  return TEXT[language]
}

/**
 * The application menu: File → Open images… / Import folder…, then the standard roles (Electron labels those in the
 * system's language), which keep copy/paste and window shortcuts working.
 */
export function menuTemplate(
  language: Settings['language'],
  platform: NodeJS.Platform,
  importFromDialog: (folders: boolean) => void
): MenuItemConstructorOptions[] {
  const text = shellText(language)
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: text.file,
      submenu: [
        { label: text.openImages, accelerator: 'CmdOrCtrl+O', click: () => importFromDialog(false) },
        { label: text.importFolder, accelerator: 'CmdOrCtrl+Shift+O', click: () => importFromDialog(true) },
        { type: 'separator' },
        { role: platform === 'darwin' ? 'close' : 'quit' }
      ]
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' }
  ]
}

/** The Electron app's lifecycle: everything else lives in services, security, windows and ipc. */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, safeStorage } from 'electron'
import { toErrorInfo } from '../shared/domain/errors'
import { registerIpc } from './ipc/register'
import { findElectronSqliteBinding } from './native-binding'
import { EnginePool } from './recognition/engine-pool'
import { handleAppProtocol, registerAppScheme } from './security/app-protocol'
import { installGuards } from './security/guards'
import { createWorkstation } from './services/workstation'
import type { Workstation } from './services/workstation'
import { openStoreRecovering } from './store'
import { safeStorageKeySource } from './security/key-safe-storage'
import { utilityProcessWorker } from './utility-worker'
import { importAndReport, installAppMenu } from './windows/app-menu'
import { createMainWindow } from './windows/main-window'
import { shellText } from './windows/menu-template'
import { openedImagePaths } from './windows/opened-files'

const here = fileURLToPath(new URL('.', import.meta.url))
// Set by `electron-vite dev` only; a packaged app always loads its own app:// pages.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

// End-to-end tests run each launch on a fresh profile.
if (process.env.PRW_USER_DATA) app.setPath('userData', process.env.PRW_USER_DATA)
// An installed app has its models in resources/models (electron-builder.yml); the recognition workers inherit this.
if (app.isPackaged) process.env.PASSPORT_MODELS_DIR ??= join(process.resourcesPath, 'models')

// One instance per profile: a passport opened from the file manager while the app runs goes to the running one.
if (!app.requestSingleInstanceLock()) app.exit(0)

registerAppScheme()
installGuards(devServerUrl)

// The desktop app keeps a week of daily backups (createWorkstation's default count) in userData/backups.
const DAILY_BACKUP_MS = 24 * 3_600_000

let workstation: Workstation | undefined
let pool: EnginePool | undefined

// Images the app was asked to open (file associations) before it could import them.
const opened: string[] = openedImagePaths(process.argv, app.isPackaged, process.cwd())
function openImages(paths: readonly string[]): void {
  if (!workstation) {
    opened.push(...paths)
    return
  }
  const ws = workstation
  importAndReport(ws, paths).catch((err: unknown) =>
    dialog.showErrorBox(shellText(ws.store.settings.get().language).importFailed, toErrorInfo(err).message)
  )
}
app.on('second-instance', (_event, argv, workingDirectory) => {
  openImages(openedImagePaths(argv, app.isPackaged, workingDirectory))
  const win = BrowserWindow.getAllWindows()[0]
  if (win?.isMinimized()) win.restore()
  win?.focus()
})
// macOS hands opened files to the running app as events, also the one that started it.
app.on('open-file', (event, path) => {
  event.preventDefault()
  openImages([path])
})

function openWorkstation(): Workstation {
  const nativeBinding = app.isPackaged ? undefined : findElectronSqliteBinding(app.getAppPath())
  if (!nativeBinding && !app.isPackaged)
    console.warn('better-sqlite3: no Electron build in native/electron (run `npm run rebuild:electron`); trying the Node build')
  try {
    const userData = app.getPath('userData')
    const { store, incident } = openStoreRecovering(join(userData, 'workstation.sqlite'), {
      nativeBinding,
      migrationsDir: join(here, 'migrations'),
      auditKey: safeStorageKeySource(safeStorage, join(userData, 'audit.key.enc'), 'audit'),
      databaseKey: safeStorageKeySource(safeStorage, join(userData, 'database.key.enc'), 'database')
    })
    // The recognition worker is built beside this bundle (electron.vite.config.ts, input `worker`) and runs in a
    // utilityProcess: a native crash in a decoder or ONNX Runtime ends that process, never the app.
    pool = new EnginePool({ spawn: utilityProcessWorker(fileURLToPath(new URL('./worker.js', import.meta.url))) })
    return createWorkstation(store, pool, { incident, backups: { everyMs: DAILY_BACKUP_MS } })
  } catch (err) {
    const { message } = toErrorInfo(err)
    const hint =
      nativeBinding || app.isPackaged ? '' : '\n\nbetter-sqlite3 must be built for Electron: run `npm run rebuild:electron` (see README).'
    throw new Error(`${message}${hint}`, { cause: err })
  }
}

app.whenReady().then(
  () => {
    try {
      workstation = openWorkstation()
    } catch (err) {
      dialog.showErrorBox('Passport Review Workstation cannot start', toErrorInfo(err).message)
      app.exit(1)
      return
    }
    handleAppProtocol(workstation, join(here, '../renderer'))
    registerIpc(workstation, devServerUrl)
    installAppMenu(workstation)
    createMainWindow(join(here, '../preload'), devServerUrl)
    if (opened.length) openImages(opened.splice(0))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(join(here, '../preload'), devServerUrl)
    })
  },
  (err: unknown) => {
    dialog.showErrorBox('Passport Review Workstation cannot start', toErrorInfo(err).message)
    app.exit(1)
  }
)

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// Queued and running work stays in the database: the next start resumes it. Quitting waits for the store to close.
let closed = false
app.on('will-quit', (event) => {
  if (closed || !workstation) return
  event.preventDefault()
  const ws = workstation
  workstation = undefined
  void ws
    .close()
    .then(() => pool?.close())
    .catch((err: unknown) => console.error('shutdown:', toErrorInfo(err).message))
    .finally(() => {
      closed = true
      app.quit()
    })
})

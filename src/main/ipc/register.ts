import { BrowserWindow, ipcMain } from 'electron'
import { EVENT_CHANNELS, EVENT_IPC_CHANNEL, INVOKE_CHANNELS } from '../../shared/contract'
import type { Result } from '../../shared/contract'
import { dispatch } from '../services/dispatch'
import type { Workstation } from '../services/workstation'
import { senderAllowed } from './sender'

/** One handler per contract channel; each request is validated against its schema by `dispatch`. */
export function registerIpc(ws: Workstation, devServerUrl: string | undefined): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown): Promise<Result<unknown>> | Result<unknown> => {
      if (!senderAllowed(event.senderFrame, devServerUrl)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an unknown frame' } }
      return dispatch(ws.handlers, channel, request)
    })
  }
  const offs = EVENT_CHANNELS.map((name) =>
    ws.events.on(name, (payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_IPC_CHANNEL, name, payload)
    })
  )
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
    for (const off of offs) off()
  }
}

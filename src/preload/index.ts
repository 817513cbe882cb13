import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_IPC_CHANNEL, INVOKE_CHANNELS } from '../shared/contract'
import type { Api as ContractApi, EventChannel, EventContract } from '../shared/contract'

/** What the preload exposes as `window.api`: exactly the contract, nothing of Electron. */
export type Api = ContractApi

// The allow-list is the contract's channel list: no channel can be called that main does not handle.
const invokable = new Set<string>(INVOKE_CHANNELS)

const api: Api = {
  invoke(channel, request) {
    if (!invokable.has(channel)) return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown channel ${channel}` } })
    return ipcRenderer.invoke(channel, request)
  },
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void) {
    const forward = (_e: Electron.IpcRendererEvent, name: EventChannel, payload: EventContract[E]): void => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(EVENT_IPC_CHANNEL, forward)
    return () => {
      ipcRenderer.off(EVENT_IPC_CHANNEL, forward)
    }
  },
  imageUrl: (id) => `app://document/${id}`
}

contextBridge.exposeInMainWorld('api', api)

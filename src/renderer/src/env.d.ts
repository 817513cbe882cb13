/// <reference types="vite/client" />
import type { Api } from '../../shared/contract'

declare global {
  interface Window {
    /** Present in Electron (exposed by the preload); absent in browser mode. */
    api?: Api
  }
}

import { isAppUrl } from '../security/app-origin'

/** What the sender check reads of the calling frame (Electron's `WebFrameMain`; null once it is gone). */
export interface SenderFrame {
  url: string
  parent: unknown
}

/**
 * Checklist 17 "Validate the sender of all IPC messages": only our own top-level page may call main. A sub-frame
 * (even one of ours: it could be showing anything), a page of another origin or a frame already gone is refused.
 */
export function senderAllowed(frame: SenderFrame | null, devServerUrl: string | undefined): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, devServerUrl)
}

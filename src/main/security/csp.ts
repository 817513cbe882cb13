/**
 * The Content-Security-Policy of the renderer, for both the Electron app and browser mode.
 * Checklist item: "define a Content-Security-Policy" — only our own code, no eval, no remote content.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue's transitions and the canvas's transforms set inline style; nothing executable comes in through styles.
  "style-src 'self' 'unsafe-inline'",
  // Page images come from the app's privileged scheme in Electron (app://document/<id>), from 'self' over HTTP.
  "img-src 'self' blob: data: app://document",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

// Runs the recognition worker from TypeScript source (npm run serve, e2e tests). Worker threads do not inherit
// tsx's loader from `tsx` or `node --import tsx`, so the worker registers it itself before loading worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('../recognition/worker.ts')

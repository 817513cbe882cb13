/**
 * `npm run serve`: the workstation in a browser, on 127.0.0.1 (tests and machines without Electron use it), and the
 * cloud-compatible RecognizeChinesePassport action on `POST /` for other systems.
 */
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { toErrorInfo } from '../../shared/domain/errors'
import { EnginePool } from '../recognition/engine-pool'
import { createWorkstation, DEFAULT_BACKUPS_KEPT } from '../services/workstation'
import { openStoreRecovering } from '../store'
import { CLOUD_ARG_OPTIONS, CLOUD_USAGE, cloudOptionsFrom } from './cloud/cloud-args'
import { startServer } from './http-server'
import type { RunningServer } from './http-server'

const DEFAULT_PORT = 8737
const DEFAULT_DB = join(homedir(), '.passport-review-workstation', 'workstation.sqlite')

const USAGE = `usage: serve [--port N] [--host ADDR] [--db FILE] [--static DIR] [cloud action options]
  --port    listening port (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --host    listening address (default 127.0.0.1; another address needs access keys)
  --db      SQLite file (default $PRW_DB or ${DEFAULT_DB})
  --static  built renderer (default out/renderer)
  --backup-every HOURS  make a checked backup this often (default $PRW_BACKUP_EVERY_HOURS, or none)
  --backup-keep N       backups kept in backups/ beside the database (default 7)
${CLOUD_USAGE}`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      static: { type: 'string' },
      'backup-every': { type: 'string' },
      'backup-keep': { type: 'string' },
      help: { type: 'boolean' },
      ...CLOUD_ARG_OPTIONS
    }
  })
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${values.port ?? process.env.PORT}\n${USAGE}`)
  const dbFile = resolve(values.db ?? process.env.PRW_DB ?? DEFAULT_DB)
  mkdirSync(dirname(dbFile), { recursive: true })

  const host = values.host ?? '127.0.0.1'
  // Checked before the store opens and the workers start, so a refused configuration leaves nothing behind.
  const cloudSettings = cloudOptionsFrom(values, process.env, host)
  const everyHours = Number(values['backup-every'] ?? process.env.PRW_BACKUP_EVERY_HOURS ?? 0)
  const keep = Number(values['backup-keep'] ?? DEFAULT_BACKUPS_KEPT)
  if (!(everyHours >= 0) || !Number.isInteger(keep) || keep < 1) throw new Error(`invalid --backup-every or --backup-keep\n${USAGE}`)
  const { store, incident } = openStoreRecovering(dbFile)
  if (incident) process.stderr.write(`${incident.message}\n`)
  const pool = new EnginePool()
  const cloud = { ...cloudSettings, recognizer: pool }
  const workstation = createWorkstation(store, pool, {
    incident,
    backups: { keep, everyMs: everyHours ? everyHours * 3_600_000 : undefined }
  })
  let server: RunningServer
  try {
    // Ready when it says so: the address is printed once every recognition process has loaded and run its models,
    // so the first caller's request takes what any other does (the SDK's default timeouts hold).
    await pool.ready()
    server = await startServer(workstation, { host, port, staticDir: resolve(values.static ?? 'out/renderer'), cloud })
  } catch (err) {
    // The recognition processes would keep this one alive after the error is printed (a port in use, say).
    await workstation.close()
    await pool.close()
    throw err
  }
  process.stdout.write(`Passport Review Workstation listening on ${server.url} (database ${dbFile})\n`)

  let closing = false
  const shutdown = async (): Promise<void> => {
    if (closing) return
    closing = true
    await server.close()
    await workstation.close()
    await pool.close()
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
}

main().catch((err: unknown) => {
  const { code, message } = toErrorInfo(err)
  process.stderr.write(`error: ${code}: ${message}\n`)
  process.exitCode = 1
})

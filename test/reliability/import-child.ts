/**
 * The kill test's child: a real import of a folder into a store, recognised by the real engine, as the app runs it.
 * It prints what it has been told is stored (`stored ID`) and recognised (`recognized ID`), so that the parent,
 * which kills it at a random moment, knows what must have survived.
 */
import { EnginePool } from '../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../src/main/services/workstation'
import { openStore } from '../../src/main/store'

const [dbFile, folder] = process.argv.slice(2)
const pool = new EnginePool({ workers: 2, threads: 1 })
const ws = createWorkstation(openStore(dbFile), pool)
ws.events.on('documents:changed', (e) => {
  if (e.status === 'needs_review') process.stdout.write(`recognized ${e.id}\n`)
})
const report = await ws.documents.importPaths([folder])
for (const d of report.imported) process.stdout.write(`stored ${d.id}\n`)
if (report.failed.length) process.stdout.write(`failed ${JSON.stringify(report.failed)}\n`)
await ws.queue.whenIdle()
await ws.close()
await pool.close()
process.stdout.write('done\n')

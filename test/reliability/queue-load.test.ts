import { describe, expect, it } from 'vitest'
import { describeQueueLoad, loadImages, runQueueLoad } from '../load/queue-load'

describe('500 images through the recognition queue', () => {
  it('accounts for every image, keeps memory flat after the first 100 and leaks no descriptor, process or temporary file', async () => {
    const f = await runQueueLoad(await loadImages(500))
    console.log(describeQueueLoad(f))
    // Every image ended reviewed-ready or failed with a code: none lost, none left in the queue.
    expect(Object.values(f.statuses).reduce((a, b) => a + b, 0)).toBe(500)
    expect(Object.keys(f.statuses).every((s) => s === 'needs_review' || s === 'failed')).toBe(true)
    expect(f.failedCodes.none).toBeUndefined()
    expect(f.memoryPeakAfter100Mb).toBeLessThanOrEqual(f.memoryAfter100Mb * 1.15)
    expect(f.fdsAfter).toBeLessThanOrEqual(f.fdsBefore)
    expect([f.childProcessesAfter, f.restarts]).toEqual([f.childProcessesBefore, 0])
    expect(f.tempEntriesAfter).toBe(f.tempEntriesBefore)
  })
})

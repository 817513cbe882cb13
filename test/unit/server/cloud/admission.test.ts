import { describe, expect, it } from 'vitest'
import { Admission } from '../../../../src/main/server/cloud/admission'

describe('Admission', () => {
  it('admits up to its limit and frees a slot once, however often it is released', () => {
    const a = new Admission(2, 60_000)
    const r1 = a.tryAcquire()
    expect(a.tryAcquire()).not.toBeNull()
    expect(a.tryAcquire()).toBeNull()
    r1?.()
    r1?.()
    expect(a.inFlight).toBe(1)
    expect(a.tryAcquire()).not.toBeNull()
    expect(a.tryAcquire()).toBeNull()
  })

  it('admits fewer when the engine is slow, so an admitted request fits its time limit, and says when to retry', () => {
    const a = new Admission(32, 20_000)
    const held = [a.tryAcquire(), a.tryAcquire(), a.tryAcquire()]
    // Completions 5 s apart while others wait: the engine frees a slot every ~5 s.
    for (let t = 0; t <= 100_000; t += 5_000) a.recognized(t)
    expect(a.retryAfterSeconds()).toBe(5)
    expect(a.tryAcquire()).toBeNull()
    held.forEach((release) => release?.())
    expect(a.tryAcquire()).not.toBeNull()
  })
})

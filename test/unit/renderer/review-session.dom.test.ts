import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { ref } from 'vue'
import type { DocumentDetail } from '../../../src/shared/domain/document'
import { emptyPassportData } from '../../../src/shared/domain/fields'

/**
 * The renderer's bridge to main, answering each call only when the test says so: saves in flight can then be
 * overtaken by what the operator does next, as they are on a busy machine.
 */
interface Call {
  channel: string
  request: { id: number; key?: string; value?: string }
  answer: (value: unknown) => void
}
const calls: Call[] = []
const bridge = {
  invoke: (channel: string, request: Call['request']) =>
    new Promise((resolve) => calls.push({ channel, request, answer: (value) => resolve({ ok: true, value }) })),
  on: () => () => undefined
}
Object.assign(globalThis, { window: { api: bridge } })
const { useReviewSession } = await import('../../../src/renderer/src/features/review/use-review-session')

/** A stored document as main returns it (synthetic identity). */
function stored(passportNumber: string): DocumentDetail {
  return {
    id: 7,
    fields: { ...emptyPassportData(), passportNumber },
    response: null,
    recognizedAt: '2026-12-01T10:00:00.000Z',
    acceptedCorrections: [],
    readerMrz: null
  } as unknown as DocumentDetail
}

/** Let every settled promise's continuations run. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

async function next(channel: string): Promise<Call> {
  await settle()
  const i = calls.findIndex((c) => c.channel === channel)
  expect(i, `a ${channel} call`).toBeGreaterThanOrEqual(0)
  return calls.splice(i, 1)[0]
}

/** The review of document 7 as main first stores it, loaded; and its scope, to stop. */
async function opened(passportNumber: string) {
  calls.length = 0
  const scope = effectScope()
  const session = scope.run(() => useReviewSession(ref(7)))!
  ;(await next('documents:get')).answer(stored(passportNumber))
  await settle()
  return { session, scope }
}

describe('the review session', () => {
  it('keeps what the operator chose while an earlier save of that field is still on its way (Enter, then F4 at once)', async () => {
    const { session, scope } = await opened('D23145890')
    // Typed over and committed: the save goes out.
    session.drafts.passportNumber = 'D23145891'
    const first = session.save('passportNumber')
    const typed = await next('review:saveField')
    expect(typed.request).toMatchObject({ key: 'passportNumber', value: 'D23145891' })
    // Before it is answered, the MRZ's reading is taken back (F4).
    const picked = session.pick('passportNumber', 'mrz', 'D23145890')
    expect(session.drafts.passportNumber).toBe('D23145890')
    typed.answer(stored('D23145891'))
    expect(await first).toBe(true)
    // The late answer does not put the typed value back over the choice, and the choice is saved in its turn.
    expect(session.drafts.passportNumber).toBe('D23145890')
    const second = await next('review:saveField')
    expect(second.request).toMatchObject({ key: 'passportNumber', value: 'D23145890' })
    second.answer(stored('D23145890'))
    expect(await picked).toBe(true)
    expect(session.drafts.passportNumber).toBe('D23145890')
    expect(session.isDirty('passportNumber')).toBe(false)
    scope.stop()
  })

  it('takes the stored form of a saved value when nothing was typed meanwhile', async () => {
    const { session, scope } = await opened('E12345678')
    session.drafts.passportNumber = 'e12345679'
    const saved = session.save('passportNumber')
    // Main stores the number as a passport prints it.
    ;(await next('review:saveField')).answer(stored('E12345679'))
    expect(await saved).toBe(true)
    expect(session.drafts.passportNumber).toBe('E12345679')
    scope.stop()
  })
})

import { describe, expect, it } from 'vitest'
import { InputBuffer } from '../../../src/main/recognition/image/tensor'

describe('InputBuffer', () => {
  it('lends the same memory to runs one after another, growing it when a run needs more', async () => {
    const buffers = new InputBuffer()
    const first = await buffers.use(8, async (d) => d)
    const second = await buffers.use(6, async (d) => d)
    expect(second.buffer).toBe(first.buffer)
    expect(second.length).toBe(6)
    const bigger = await buffers.use(16, async (d) => d)
    expect(bigger.length).toBe(16)
    expect(bigger.buffer).not.toBe(first.buffer)
    expect((await buffers.use(4, async (d) => d)).buffer).toBe(bigger.buffer)
  })

  it('gives a run that starts while another holds the buffer one of its own', async () => {
    const buffers = new InputBuffer()
    let release = (): void => {}
    const held = buffers.use(8, (d) => new Promise<Float32Array>((resolve) => (release = () => resolve(d))))
    const concurrent = await buffers.use(8, async (d) => d)
    release()
    expect((await held).buffer).not.toBe(concurrent.buffer)
  })
})

import onnxProto from 'onnx-proto'

const { onnx } = onnxProto
type Node = onnxProto.onnx.INodeProto
type Tensor = onnxProto.onnx.ITensorProto

const FLOAT = 1
const INT32 = 6
const ATTR_FLOAT = 1
const ATTR_INT = 2
const ATTR_TENSOR = 4

/**
 * Rewrite the hard-swish blocks of PaddleOCR's PP-LCNet backbones into a form ONNX Runtime runs in its blocked
 * (NCHWc) layout. Paddle's export spells each block as Conv → ×s1 → +b1 → x·clip(x+3, 0, 6)/6 → ×s2 → +b2:
 * eight element-wise passes over the tensor and a layout reorder on each side, about a third of the models'
 * time here. Scaling the convolution by s1·s2 (bias by s2·(s1·B + b1)) and taking HardSigmoid with slope
 * 1/(6·s2) gives the same values up to float rounding as u·HardSigmoid(u) + b2, which stays in the blocked layout
 * up to the last addition. That addition of a scalar has no blocked form: each one cost a reorder out and back in.
 * Where a pointwise convolution alone takes it, the addition goes into that convolution's bias (`folded`).
 * Returns the model unchanged when no block matches.
 */
export function fuseHardSwish(model: Uint8Array): { bytes: Uint8Array; blocks: number; folded: number } {
  const m = onnx.ModelProto.decode(model)
  const graph = m.graph
  if (!graph?.node) return { bytes: model, blocks: 0, folded: 0 }
  const g = new GraphIndex(graph.node, graph.initializer ?? [])
  const before = new Map<Node, Node[]>()
  const replace = new Map<Node, Node[]>()
  const dead = new Set<Node>()
  let blocks = 0
  for (const conv of graph.node) {
    const b = conv.opType === 'Conv' ? matchBlock(g, conv) : null
    if (!b) continue
    const weight = g.floats(conv.input![1])
    const wDims = g.dims(conv.input![1])
    if (!weight || !wDims) continue
    const outC = wDims[0]
    const bias = conv.input![2] ? g.floats(conv.input![2]) : new Float32Array(outC)
    if (!bias) continue
    const k = blocks++
    const scale = b.s1 * b.s2
    const w = `hswish_${k}_w`
    const bn = `hswish_${k}_b`
    before.set(conv, [
      constant(
        w,
        weight.map((v) => v * scale),
        wDims
      ),
      constant(
        bn,
        bias.map((v) => v * scale + b.b1 * b.s2),
        [outC]
      )
    ])
    conv.input = [conv.input![0], w, bn]
    // The convolution's own output is now u = s2·t; the block's last output keeps its name for its consumers.
    const u = conv.output![0]
    const gate = `hswish_${k}_gate`
    const product = `hswish_${k}_u`
    const tail: Node[] = [
      node('HardSigmoid', [u], [gate], [floatAttr('alpha', 1 / (6 * b.s2)), floatAttr('beta', 0.5)]),
      node('Mul', [u, gate], [b.b2 === 0 ? b.out : product])
    ]
    if (b.b2 !== 0) tail.push(constant(`hswish_${k}_b2`, Float32Array.of(b.b2), [1]), node('Add', [product, `hswish_${k}_b2`], [b.out]))
    replace.set(b.nodes[b.nodes.length - 1], tail)
    for (const n of b.nodes) dead.add(n)
  }
  if (blocks === 0) return { bytes: model, blocks: 0, folded: 0 }
  let nodes: Node[] = []
  for (const n of graph.node) {
    nodes.push(...(before.get(n) ?? []))
    if (replace.has(n)) nodes.push(...replace.get(n)!)
    else if (!dead.has(n)) nodes.push(n)
  }
  const fold = foldIntoPointwise(nodes, graph.initializer ?? [], new Set(graph.output?.map((o) => o.name!)))
  nodes = fold.nodes
  // Constants only the old blocks used (the original weights, s1, b1, 3, 6, …) go with them.
  const used = new Set(nodes.flatMap((n) => n.input ?? []))
  for (const o of graph.output ?? []) used.add(o.name!)
  graph.node = nodes.filter((n) => n.opType !== 'Constant' || used.has(n.output![0]))
  return { bytes: onnx.ModelProto.encode(m).finish(), blocks, folded: fold.count }
}

/**
 * x + b → Conv 1×1 (its only consumer, no padding) becomes Conv with bias + b·ΣW over each output's weights: a
 * pointwise convolution sees no border, so the constant's contribution is the same everywhere. (A padded one would
 * see zeros, not b, past the border: those additions stay.)
 */
function foldIntoPointwise(nodes: Node[], initializers: readonly Tensor[], outputs: ReadonlySet<string>): { nodes: Node[]; count: number } {
  const g = new GraphIndex(nodes, initializers)
  const gone = new Set<Node>()
  const added = new Map<Node, Node>()
  let count = 0
  for (const add of nodes) {
    if (add.opType !== 'Add' || !add.input?.[1]?.startsWith('hswish_')) continue
    const b = g.scalar(add.input[1])
    const conv = g.onlyConsumer(add.output![0], 'Conv')
    if (b === null || !conv || outputs.has(add.output![0]) || conv.input![0] !== add.output![0]) continue
    const weight = g.floats(conv.input![1])
    const dims = g.dims(conv.input![1])
    const bias = conv.input![2] ? g.floats(conv.input![2]) : dims && new Float32Array(dims[0])
    if (!weight || !dims || !bias || !unpadded(conv) || dims.slice(2).some((k) => k !== 1)) continue
    const per = weight.length / dims[0]
    const folded = bias.map((v, o) => v + b * weight.subarray(o * per, (o + 1) * per).reduce((s, w) => s + w, 0))
    const name = `fold_${count++}_b`
    added.set(conv, constant(name, folded, [dims[0]]))
    conv.input = [add.input[0], conv.input![1], name]
    gone.add(add)
  }
  return { nodes: nodes.filter((n) => !gone.has(n)).flatMap((n) => (added.has(n) ? [added.get(n)!, n] : [n])), count }
}

/** A convolution that pads nothing. */
function unpadded(conv: Node): boolean {
  const pads = conv.attribute?.find((a) => a.name === 'pads')?.ints?.map(Number) ?? []
  const autoPad = conv.attribute?.find((a) => a.name === 'auto_pad')?.s
  const mode = autoPad ? new TextDecoder().decode(autoPad) : 'NOTSET'
  return pads.every((p) => p === 0) && (mode === 'NOTSET' || mode === 'VALID')
}

/**
 * End the recogniser's graph with the `k` likeliest classes of each time step (values, then indices as int32)
 * instead of the whole softmax: greedy CTC and its alternatives need no more, and the full output, 6625 floats a
 * step, was copied out and scanned in JavaScript for every step of every line.
 */
export function appendTopK(model: Uint8Array, k: number): Uint8Array {
  const m = onnx.ModelProto.decode(model)
  const graph = m.graph
  const probs = graph?.output?.length === 1 ? graph.output[0].name : undefined
  if (!graph || !probs) throw new Error('appendTopK: the model must have exactly one output')
  // TopK as opset 9 has it (Paddle exports the recogniser at 9; from 10, k is an input): the largest first, and
  // among equal values the lower index, as the argmax scan it replaces.
  const opset = Number(m.opsetImport?.find((o) => !o.domain)?.version ?? 0)
  if (opset >= 10) throw new Error(`appendTopK: written for opset 9 models, this one is opset ${opset}`)
  const values = 'topk_values'
  const indices = 'topk_indices'
  graph.node = [
    ...(graph.node ?? []),
    node('TopK', [probs], [values, 'topk_indices64'], [intAttr('axis', -1), intAttr('k', k)]),
    node('Cast', ['topk_indices64'], [indices], [intAttr('to', INT32)])
  ]
  graph.output = [output(values, FLOAT), output(indices, INT32)]
  return onnx.ModelProto.encode(m).finish()
}

interface Block {
  s1: number
  b1: number
  s2: number
  b2: number
  /** The block's nodes after the convolution, in graph order; the last one produces `out`. */
  nodes: Node[]
  out: string
}

/** Conv → Mul(s1) → Add(b1) → t; t + 3 → Clip(0, 6); t · clip → Div(6) → Mul(s2) → Add(b2), every step single-use. */
function matchBlock(g: GraphIndex, conv: Node): Block | null {
  const mul1 = g.onlyConsumer(conv.output![0], 'Mul')
  const s1 = mul1 && g.otherScalar(mul1, conv.output![0])
  const add1 = s1 != null && mul1 ? g.onlyConsumer(mul1.output![0], 'Add') : null
  const b1 = add1 && g.otherScalar(add1, mul1!.output![0])
  if (!add1 || b1 == null || s1 == null) return null
  const t = add1.output![0]
  const uses = g.consumers(t)
  const plus3 = uses.find((n) => n.opType === 'Add' && g.otherScalar(n, t) === 3)
  const times = uses.find((n) => n.opType === 'Mul')
  if (uses.length !== 2 || !plus3 || !times) return null
  const clip = g.onlyConsumer(plus3.output![0], 'Clip')
  if (!clip || !g.clipsTo(clip, 0, 6) || g.onlyConsumer(clip.output![0], 'Mul') !== times) return null
  const div = g.onlyConsumer(times.output![0], 'Div')
  if (!div || div.input![0] !== times.output![0] || g.scalar(div.input![1]) !== 6) return null
  const mul2 = g.onlyConsumer(div.output![0], 'Mul')
  const s2 = mul2 && g.otherScalar(mul2, div.output![0])
  // A zero s2 would need an infinite slope; no trained block has one, but the rewrite must stay exact.
  if (!mul2 || s2 == null || s2 === 0) return null
  const add2 = g.onlyConsumer(mul2.output![0], 'Add')
  const b2 = add2 && g.otherScalar(add2, mul2.output![0])
  if (!add2 || b2 == null) return null
  return { s1, b1, s2, b2, nodes: [mul1!, add1, plus3, clip, times, div, mul2, add2], out: add2.output![0] }
}

/** Who produces and consumes each tensor, and the float constants the graph holds. */
class GraphIndex {
  private readonly uses = new Map<string, Node[]>()
  private readonly tensors = new Map<string, Tensor>()

  constructor(nodes: readonly Node[], initializers: readonly Tensor[]) {
    for (const n of nodes) {
      for (const i of n.input ?? []) this.uses.set(i, [...(this.uses.get(i) ?? []), n])
      const value = n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value')?.t : undefined
      if (value) this.tensors.set(n.output![0], value)
    }
    for (const t of initializers) this.tensors.set(t.name!, t)
  }

  consumers(name: string): Node[] {
    return this.uses.get(name) ?? []
  }

  onlyConsumer(name: string, opType: string): Node | null {
    const c = this.consumers(name)
    return c.length === 1 && c[0].opType === opType ? c[0] : null
  }

  dims(name: string): number[] | null {
    return this.tensors.get(name)?.dims?.map(Number) ?? null
  }

  floats(name: string): Float32Array | null {
    const t = this.tensors.get(name)
    if (!t || t.dataType !== FLOAT) return null
    if (t.floatData?.length) return Float32Array.from(t.floatData)
    if (!t.rawData?.length) return null
    const raw = t.rawData
    // Copied: protobuf's raw bytes may sit at an offset that Float32Array cannot view.
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
  }

  scalar(name: string): number | null {
    const f = this.floats(name)
    return f && f.length === 1 ? f[0] : null
  }

  /** The scalar constant a binary node combines with `x`. */
  otherScalar(n: Node, x: string): number | null {
    const [a, b] = n.input ?? []
    if (a === x) return this.scalar(b)
    if (b === x) return this.scalar(a)
    return null
  }

  /** Clip's bounds: attributes before opset 11, inputs after. */
  clipsTo(n: Node, min: number, max: number): boolean {
    const attr = (k: string): number | undefined => n.attribute?.find((a) => a.name === k)?.f ?? undefined
    const lo = n.input?.[1] ? this.scalar(n.input[1]) : attr('min')
    const hi = n.input?.[2] ? this.scalar(n.input[2]) : attr('max')
    return lo === min && hi === max
  }
}

function node(opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []): Node {
  return onnx.NodeProto.create({ opType, input, output, attribute })
}

function intAttr(name: string, i: number): onnxProto.onnx.IAttributeProto {
  return onnx.AttributeProto.create({ name, type: ATTR_INT, i })
}

function output(name: string, elemType: number): onnxProto.onnx.IValueInfoProto {
  return onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: onnx.TypeProto.Tensor.create({ elemType }) }) })
}

function floatAttr(name: string, f: number): onnxProto.onnx.IAttributeProto {
  return onnx.AttributeProto.create({ name, type: ATTR_FLOAT, f })
}

function constant(name: string, data: Float32Array, dims: number[]): Node {
  const t = onnx.TensorProto.create({ dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) })
  return node('Constant', [], [name], [onnx.AttributeProto.create({ name: 'value', type: ATTR_TENSOR, t })])
}

// Lucene's FlattenGraphFilter, Elasticsearch's `flatten_graph` token filter (no settings): turns a token
// graph (tokens spanning several positions, as synonym_graph and word_delimiter_graph make) into a
// "sausage" in which every path touches every node, for indexing. Input positions are input nodes; each
// is mapped to an output node, numbered in order, an input node moving to a later output node when a
// token arrives from further on; tokens are released once every token leaving their output node's inputs
// is known, with position increments and lengths recomputed on the output nodes and offsets "shrink
// wrapped" to the most restrictive start and end seen at each node (a start never going back). Holes
// (position increments over 1, from removed tokens) are recovered as Lucene does. This is a batch port of
// the streaming filter: the same interleaving of reading and releasing, over arrays in place of Lucene's
// RollingBuffers (whose freeBefore only recycles memory). Output tokens carry their term and type.
import { positionIncrementOf, positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

interface InputNode {
  /** Indexes of the buffered tokens leaving this node. */
  tokens: number[]
  node: number
  maxToNode: number
  minToNode: number
  outputNode: number
  nextOut: number
}

interface OutputNode {
  inputNodes: number[]
  node: number
  nextOut: number
  startOffset: number
  endOffset: number
}

/** RollingBuffer.get and getMaxPos over a growing array. */
class Nodes<T> {
  private readonly items: T[] = []

  constructor(private readonly create: () => T) {}

  get(pos: number): T {
    while (this.items.length <= pos) this.items.push(this.create())
    return this.items[pos] as T
  }

  maxPos(): number {
    return this.items.length - 1
  }
}

const newInput = (): InputNode => ({
  tokens: [],
  node: -1,
  maxToNode: -1,
  minToNode: Number.MAX_SAFE_INTEGER,
  outputNode: -1,
  nextOut: 0,
})
const newOutput = (): OutputNode => ({ inputNodes: [], node: -1, nextOut: 0, startOffset: -1, endOffset: -1 })

function removeElement(list: number[], value: number): void {
  const at = list.indexOf(value)
  if (at >= 0) list.splice(at, 1)
}

/** One run of the filter over a whole stream. */
class Flattening {
  private readonly inputNodes = new Nodes(newInput)
  private readonly outputNodes = new Nodes(newOutput)
  private inputFrom = -1
  private outputFrom = 0
  private lastOutputFrom = -1
  private lastStartOffset = 0
  private done = false
  private next = 0
  private position = -1
  readonly out = {
    terms: [] as string[],
    startOffsets: [] as number[],
    endOffsets: [] as number[],
    types: [] as string[],
    positions: [] as number[],
    positionLengths: [] as number[],
  }

  constructor(private readonly tokens: GraphTokenList) {
    const first = this.inputNodes.get(0)
    first.node = 0
    first.outputNode = 0
    const out = this.outputNodes.get(0)
    out.node = 0
    out.inputNodes.push(0)
    out.startOffset = 0
  }

  run(): GraphTokenList {
    for (;;) {
      if (this.release()) continue
      if (this.done) return this.out
      if (this.next < this.tokens.terms.length) this.read(this.next++)
      else this.done = true
    }
  }

  private release(): boolean {
    while (this.outputFrom < this.outputNodes.maxPos()) {
      const output = this.outputNodes.get(this.outputFrom)
      if (output.inputNodes.length === 0) {
        this.outputFrom++
        continue
      }
      let maxToNode = -1
      for (const id of output.inputNodes) maxToNode = Math.max(maxToNode, this.inputNodes.get(id).maxToNode)
      if (!(maxToNode <= this.inputFrom || this.done)) return false
      const inputNode = this.inputNodes.get(output.inputNodes[output.nextOut] ?? 0)
      if (this.done && inputNode.tokens.length === 0 && this.outputFrom >= this.outputNodes.maxPos())
        return false
      if (inputNode.tokens.length === 0) {
        if (output.inputNodes.length > 1) {
          output.nextOut++
          if (output.nextOut < output.inputNodes.length) continue
        }
        this.outputFrom++
        continue
      }
      this.emit(output, inputNode)
      return true
    }
    return false
  }

  private emit(output: OutputNode, inputNode: InputNode): void {
    const token = inputNode.tokens[inputNode.nextOut] ?? 0
    const toInputNode = this.inputNodes.get(inputNode.node + positionLengthOf(this.tokens, token))
    this.position += this.outputFrom - this.lastOutputFrom
    this.lastOutputFrom = this.outputFrom
    inputNode.nextOut++
    const outputEndNode = this.outputNodes.get(toInputNode.outputNode)
    const startOffset = Math.max(this.lastStartOffset, output.startOffset)
    this.lastStartOffset = startOffset
    this.out.terms.push(this.tokens.terms[token] ?? '')
    this.out.startOffsets.push(startOffset)
    this.out.endOffsets.push(Math.max(startOffset, outputEndNode.endOffset))
    this.out.types.push(this.tokens.types[token] ?? '')
    this.out.positions.push(this.position)
    this.out.positionLengths.push(toInputNode.outputNode - this.outputFrom)
    if (inputNode.nextOut === inputNode.tokens.length) {
      output.nextOut++
      if (output.nextOut === output.inputNodes.length) this.outputFrom++
    }
  }

  private read(i: number): void {
    const tokens = this.tokens
    const positionIncrement = positionIncrementOf(tokens, i)
    this.inputFrom += positionIncrement
    const inputFrom = this.inputFrom
    const startOffset = tokens.startOffsets[i] ?? 0
    const endOffset = tokens.endOffsets[i] ?? 0
    const inputTo = inputFrom + positionLengthOf(tokens, i)
    const src = this.inputNodes.get(inputFrom)
    if (src.node === -1) {
      this.recoverFromHole(src, startOffset, positionIncrement)
    } else {
      let outSrc = this.outputNodes.get(src.outputNode)
      const previous = this.inputNodes.get(inputFrom - positionIncrement)
      if (
        positionIncrement > 1 &&
        src.outputNode - previous.outputNode <= 1 &&
        previous.minToNode !== inputFrom
      ) {
        removeElement(outSrc.inputNodes, inputFrom)
        src.outputNode = -1
        const prevEndOffset = outSrc.endOffset
        outSrc = this.recoverFromHole(src, startOffset, positionIncrement)
        outSrc.endOffset = prevEndOffset
      }
      if (outSrc.startOffset === -1 || startOffset > outSrc.startOffset) {
        outSrc.startOffset = Math.max(startOffset, outSrc.startOffset)
      }
    }
    src.tokens.push(i)
    src.maxToNode = Math.max(src.maxToNode, inputTo)
    src.minToNode = Math.min(src.minToNode, inputTo)
    const dest = this.inputNodes.get(inputTo)
    if (dest.node === -1) dest.node = inputTo
    const outputEndNode = src.outputNode + 1
    if (outputEndNode > dest.outputNode) {
      if (dest.outputNode !== -1) removeElement(this.outputNodes.get(dest.outputNode).inputNodes, inputTo)
      this.outputNodes.get(outputEndNode).inputNodes.push(inputTo)
      dest.outputNode = outputEndNode
    }
    const outDest = this.outputNodes.get(dest.outputNode)
    if (outDest.endOffset === -1 || endOffset < outDest.endOffset) outDest.endOffset = endOffset
  }

  private recoverFromHole(src: InputNode, startOffset: number, positionIncrement: number): OutputNode {
    src.node = this.inputFrom
    const previousInputFrom = this.inputFrom - positionIncrement
    let outIndex: number
    if (previousInputFrom >= 0) {
      const offsetSrc = this.inputNodes.get(previousInputFrom)
      outIndex =
        offsetSrc.minToNode < this.inputFrom
          ? this.inputNodes.get(offsetSrc.minToNode).outputNode + 1
          : this.outputNodes.maxPos()
    } else {
      outIndex = this.outputNodes.maxPos() + 1
    }
    const outSrc = this.outputNodes.get(outIndex)
    src.outputNode = outIndex
    if (outSrc.node === -1) {
      outSrc.node = src.outputNode
      outSrc.startOffset = startOffset
    } else {
      outSrc.startOffset = Math.max(startOffset, outSrc.startOffset)
    }
    outSrc.inputNodes.push(this.inputFrom)
    return outSrc
  }
}

export class FlattenGraphFilter implements TokenFilter {
  readonly name = 'flatten_graph'

  filter(tokens: GraphTokenList): GraphTokenList {
    return new Flattening(tokens).run()
  }
}

// ExplainTrace: what one document's explanation needs from a query evaluation, recorded while the ordinary
// evaluation runs (query.ts wraps every node's evaluate in beginNode / endNode), so every number is the scorer's.
// The leaves that score with BM25 (term, phrase, the terms a fuzzy query expands to) add one weight record each.
// Output buffer (little-endian, allocated with heap.alloc, freed by the caller through `release`):
//   u32 byteLength of what follows, then one node record per evaluated query node, in program (pre-)order:
//     u32 matched (0 or 1), f32 score (0 when unmatched), u32 weightCount, weightCount x weight record
//   weight record: string term (u32 UTF-8 length + bytes; empty for term and phrase leaves), u32 status
//     (0 match, 1 no matching term(s), 2 no matching phrase), and when status is 0:
//     f32 freq, u32 norm, f32 dl, f32 avgdl, f32 boost, f32 idf, u32 termCount, termCount x (u32 docFreq, f32 idf),
//     u32 docCount, f32 tf, f32 score
//   and when status is 3 (a function_score function, see function-score.ts): u32 applies (its filter matches),
//     f64 value (before its weight), u32 count, count x f64 (the document's values of the function's field)
//   and when status is 4 (an intervals query matching, see intervals-query.ts): f32 weight, f32 sloppy frequency
//   and when status is 5 (a rank feature, see rank-feature-query.ts): u32 state, f32 w, f32 pivot, f32 S
//   and when status is 6 (a distance feature, see distance-feature-query.ts): u32 hasValue, f32 w, f64 word (the
//     column word of a date's value), f64 lat, f64 lon, f64 distance (a geo_point's)
// Invariant: BM25 weight records belong to the node begun last (leaves that add them evaluate no child nodes);
// function records name their node, added after its children.
import { BM25Scorer } from './bm25'
import { DocScores } from './doc-scores'
import { LENGTH_TABLE } from './small-float'

export const WEIGHT_MATCH: u32 = 0
export const WEIGHT_NO_TERMS: u32 = 1
export const WEIGHT_NO_PHRASE: u32 = 2
export const WEIGHT_FUNCTION: u32 = 3
export const WEIGHT_INTERVALS: u32 = 4
export const WEIGHT_FEATURE: u32 = 5
export const WEIGHT_DISTANCE: u32 = 6
/** A rank feature's states for the explained document (rank-feature-query.ts). */
export const FEATURE_SET: u32 = 0
export const FEATURE_FIELD_MISSING: u32 = 1
export const FEATURE_MISSING: u32 = 2
export const FEATURE_UNSET: u32 = 3

export class ExplainTrace {
  private readonly out: Array<u8> = new Array<u8>()
  private openNode: i32 = -1

  constructor(readonly docId: i32) {}

  beginNode(): i32 {
    const at = this.out.length
    for (let i = 0; i < 12; i++) this.out.push(0)
    this.openNode = at
    return at
  }

  endNode(at: i32, scores: DocScores): void {
    const entry = scores.entryOf(this.docId)
    if (entry < 0) return
    this.put(at, 1)
    this.put(at + 4, reinterpret<u32>(scores.scores[entry]))
  }

  /** The node begun last (a node reads it before evaluating its children). */
  get currentNode(): i32 {
    return this.openNode
  }

  /** One function of the function_score node at `node`, for the document. */
  scoreFunction(node: i32, applies: bool, value: f64, docValues: Array<f64>): void {
    this.openNode = node
    this.beginWeight('', WEIGHT_FUNCTION)
    this.u32(applies ? 1 : 0)
    this.f64(value)
    this.u32(docValues.length)
    for (let i = 0; i < docValues.length; i++) this.f64(docValues[i])
  }

  /** A rank feature's weight (a leaf): the document's state, the weight w, the pivot used and the value S. */
  feature(state: u32, weight: f32, pivot: f32, value: f32): void {
    this.beginWeight('', WEIGHT_FEATURE)
    this.u32(state)
    this.f32(weight)
    this.f32(pivot)
    this.f32(value)
  }

  /** A distance feature's weight (a leaf): whether the document has a value, w and the value it scored with. */
  distance(hasValue: bool, weight: f32, word: f64, lat: f64, lon: f64, distance: f64): void {
    this.beginWeight('', WEIGHT_DISTANCE)
    this.u32(hasValue ? 1 : 0)
    this.f32(weight)
    this.f64(word)
    this.f64(lat)
    this.f64(lon)
    this.f64(distance)
  }

  /** A leaf weight that does not match the document. */
  noMatch(term: string, status: u32): void {
    this.beginWeight(term, status)
  }

  /**
   * A BM25 weight matching the document with this frequency; termDocFreqs/termIdfs list the scored terms, docCount
   * is the N the scorer used (counts travel as u32: an index here never holds 2^32 documents).
   */
  match(
    term: string,
    scorer: BM25Scorer,
    freq: f32,
    norm: u8,
    termDocFreqs: Array<i64>,
    termIdfs: Array<f32>,
    docCount: i64,
  ): void {
    this.beginWeight(term, WEIGHT_MATCH)
    this.f32(freq)
    this.u32(norm)
    this.f32(LENGTH_TABLE[<i32>norm])
    this.f32(scorer.avgdl)
    this.f32(scorer.boost)
    this.f32(scorer.idf)
    this.u32(termDocFreqs.length)
    for (let i = 0; i < termDocFreqs.length; i++) {
      this.u32(<u32>termDocFreqs[i])
      this.f32(termIdfs[i])
    }
    this.u32(<u32>docCount)
    this.f32(scorer.tf(freq, norm))
    this.f32(scorer.score(freq, norm))
  }

  /** An IntervalWeight matching the document: its weight (boost) and the sloppy frequency of its intervals. */
  intervals(weight: f32, freq: f32): void {
    this.beginWeight('', WEIGHT_INTERVALS)
    this.f32(weight)
    this.f32(freq)
  }

  finish(): usize {
    const length = this.out.length
    const buffer = heap.alloc(4 + <usize>length)
    store<u32>(buffer, length)
    for (let i = 0; i < length; i++) store<u8>(buffer + 4 + <usize>i, this.out[i])
    return buffer
  }

  private beginWeight(term: string, status: u32): void {
    const count = this.openNode + 8
    this.put(count, this.get(count) + 1)
    const bytes = Uint8Array.wrap(String.UTF8.encode(term))
    this.u32(bytes.length)
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i])
    this.u32(status)
  }

  private u32(value: u32): void {
    for (let shift = 0; shift < 32; shift += 8) this.out.push(<u8>(value >>> shift))
  }

  private f32(value: f32): void {
    this.u32(reinterpret<u32>(value))
  }

  private f64(value: f64): void {
    const bits = reinterpret<u64>(value)
    this.u32(<u32>bits)
    this.u32(<u32>(bits >>> 32))
  }

  private put(at: i32, value: u32): void {
    for (let i = 0; i < 4; i++) this.out[at + i] = <u8>(value >>> (8 * i))
  }

  private get(at: i32): u32 {
    let value: u32 = 0
    for (let i = 0; i < 4; i++) value |= (<u32>this.out[at + i]) << (8 * i)
    return value
  }
}

// DfsStatistics: the statistics a query's scoring weights ask the searcher for (Lucene's IndexSearcher.termStatistics
// and collectionStatistics), as one shard records them in Elasticsearch's DFS phase (DfsSearchResult) and as the
// coordinating node sums them over the shards (AggregatedDfs), to score every shard with the same numbers.
// Byte format (the `dfs` export writes it after a u32 byte length; `search` and `explain` read it without one),
// little-endian, strings as u32 byte length + UTF-8 bytes, counts as f64 (exact below 2^53):
//   f64 maxDoc, u32 fieldCount, fieldCount x (string field, f64 maxDoc, f64 docCount, f64 sumTotalTermFreq,
//   f64 sumDocFreq), u32 termCount, termCount x (string field, string term, f64 docFreq, f64 totalTermFreq)
// Invariant: a recorded term has docFreq >= 1 and a recorded field docCount >= 1: Lucene has no statistics for
// an absent term or a field without terms.
import { ByteReader } from './byte-reader'

export class TermStatistics {
  constructor(
    readonly docFreq: i64,
    readonly totalTermFreq: i64,
  ) {}
}

export class CollectionStatistics {
  constructor(
    readonly maxDoc: i64,
    readonly docCount: i64,
    readonly sumTotalTermFreq: i64,
    readonly sumDocFreq: i64,
  ) {}
}

export class DfsStatistics {
  readonly fields: Map<string, CollectionStatistics> = new Map<string, CollectionStatistics>()
  /** Per field, its terms' statistics. */
  readonly terms: Map<string, Map<string, TermStatistics>> = new Map<string, Map<string, TermStatistics>>()

  constructor(readonly maxDoc: i64) {}

  static read(reader: ByteReader): DfsStatistics {
    const stats = new DfsStatistics(<i64>reader.f64())
    const fieldCount = reader.u32()
    for (let i: u32 = 0; i < fieldCount; i++) {
      const field = reader.string()
      const maxDoc = <i64>reader.f64()
      const docCount = <i64>reader.f64()
      const sumTotalTermFreq = <i64>reader.f64()
      stats.fields.set(field, new CollectionStatistics(maxDoc, docCount, sumTotalTermFreq, <i64>reader.f64()))
    }
    const termCount = reader.u32()
    for (let i: u32 = 0; i < termCount; i++) {
      const field = reader.string()
      const term = reader.string()
      const docFreq = <i64>reader.f64()
      stats.putTerm(field, term, new TermStatistics(docFreq, <i64>reader.f64()))
    }
    return stats
  }

  term(field: string, term: string): TermStatistics | null {
    if (!this.terms.has(field)) return null
    const terms = this.terms.get(field)
    return terms.has(term) ? terms.get(term) : null
  }

  field(field: string): CollectionStatistics | null {
    return this.fields.has(field) ? this.fields.get(field) : null
  }

  putTerm(field: string, term: string, stats: TermStatistics): void {
    if (!this.terms.has(field)) this.terms.set(field, new Map<string, TermStatistics>())
    this.terms.get(field).set(term, stats)
  }

  /** The statistics in the format above, after a u32 byte length, in a buffer the caller releases. */
  write(): usize {
    const out = new Array<u8>()
    putF64(out, <f64>this.maxDoc)
    const names = this.fields.keys()
    putU32(out, names.length)
    for (let i = 0; i < names.length; i++) {
      const cs = this.fields.get(names[i])
      putString(out, names[i])
      putF64(out, <f64>cs.maxDoc)
      putF64(out, <f64>cs.docCount)
      putF64(out, <f64>cs.sumTotalTermFreq)
      putF64(out, <f64>cs.sumDocFreq)
    }
    const countAt = out.length
    putU32(out, 0)
    let termCount: u32 = 0
    const termFields = this.terms.keys()
    for (let i = 0; i < termFields.length; i++) {
      const terms = this.terms.get(termFields[i])
      const texts = terms.keys()
      for (let j = 0; j < texts.length; j++) {
        const ts = terms.get(texts[j])
        putString(out, termFields[i])
        putString(out, texts[j])
        putF64(out, <f64>ts.docFreq)
        putF64(out, <f64>ts.totalTermFreq)
        termCount++
      }
    }
    for (let b = 0; b < 4; b++) out[countAt + b] = <u8>(termCount >>> (8 * b))
    const buffer = heap.alloc(4 + <usize>out.length)
    store<u32>(buffer, out.length)
    for (let i = 0; i < out.length; i++) store<u8>(buffer + 4 + <usize>i, out[i])
    return buffer
  }
}

function putU32(out: Array<u8>, value: u32): void {
  for (let shift = 0; shift < 32; shift += 8) out.push(<u8>(value >>> shift))
}

function putF64(out: Array<u8>, value: f64): void {
  const bits = reinterpret<u64>(value)
  for (let shift: u64 = 0; shift < 64; shift += 8) out.push(<u8>(bits >>> shift))
}

function putString(out: Array<u8>, value: string): void {
  const bytes = Uint8Array.wrap(String.UTF8.encode(value))
  putU32(out, bytes.length)
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i])
}

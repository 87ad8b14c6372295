/**
 * The statistics table that crosses into and out of index.wasm (format in
 * engine-wasm/assembly/index/dfs-statistics.ts): little-endian, strings as u32 byte length + UTF-8, counts as f64:
 *   f64 maxDoc, u32 fieldCount, fieldCount x (string field, f64 maxDoc, f64 docCount, f64 sumTotalTermFreq,
 *   f64 sumDocFreq), u32 termCount, termCount x (string field, string term, f64 docFreq, f64 totalTermFreq)
 * A query's global statistics enter WASM as one such table, whatever the number of its terms.
 */
import type { ByteWriter } from './byte-writer.ts'
import type { DfsStatistics } from './types.ts'

const decoder = new TextDecoder()

export function writeDfsStatistics(writer: ByteWriter, stats: DfsStatistics): void {
  writer.f64(stats.maxDoc)
  writer.u32(stats.fields.length)
  for (const field of stats.fields) {
    writer.string(field.field)
    writer.f64(field.maxDoc)
    writer.f64(field.docCount)
    writer.f64(field.sumTotalTermFreq)
    writer.f64(field.sumDocFreq)
  }
  writer.u32(stats.terms.length)
  for (const term of stats.terms) {
    writer.string(term.field)
    writer.string(term.term)
    writer.f64(term.docFreq)
    writer.f64(term.totalTermFreq)
  }
}

/** Reads a table from the start of `view`. */
export function readDfsStatistics(view: DataView): DfsStatistics {
  let at = 0
  const f64 = (): number => {
    const value = view.getFloat64(at, true)
    at += 8
    return value
  }
  const u32 = (): number => {
    const value = view.getUint32(at, true)
    at += 4
    return value
  }
  const string = (): string => {
    const length = u32()
    const bytes = new Uint8Array(view.buffer, view.byteOffset + at, length)
    at += length
    return decoder.decode(bytes)
  }
  const maxDoc = f64()
  const fields: DfsStatistics['fields'] = []
  for (let i = 0, n = u32(); i < n; i++) {
    const field = string()
    fields.push({ field, maxDoc: f64(), docCount: f64(), sumTotalTermFreq: f64(), sumDocFreq: f64() })
  }
  const terms: DfsStatistics['terms'] = []
  for (let i = 0, n = u32(); i < n; i++) {
    const field = string()
    const term = string()
    terms.push({ field, term, docFreq: f64(), totalTermFreq: f64() })
  }
  return { maxDoc, fields, terms }
}

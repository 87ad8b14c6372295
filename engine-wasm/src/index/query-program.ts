/**
 * Serialises a rewritten query tree into the pre-order program index.wasm evaluates (format in
 * engine-wasm/assembly/index/query.ts). Boosts travel as float32, as Lucene holds them.
 */
import { ByteWriter } from './byte-writer.ts'
import type { IndexQuery } from './types.ts'

const TERM = 1
const PHRASE = 2
const MATCH_ALL = 3
const MATCH_NONE = 4
const BOOL = 5

function write(writer: ByteWriter, query: IndexQuery): void {
  switch (query.type) {
    case 'term':
      writer.u32(TERM)
      writer.string(query.field)
      writer.string(query.term)
      writer.f32(query.boost)
      return
    case 'phrase':
      writer.u32(PHRASE)
      writer.string(query.field)
      writer.i32(query.slop)
      writer.i32(query.terms.length)
      for (const token of query.terms) {
        writer.string(token.term)
        writer.i32(token.position)
      }
      writer.f32(query.boost)
      return
    case 'matchAll':
      writer.u32(MATCH_ALL)
      writer.f32(query.boost)
      return
    case 'matchNone':
      writer.u32(MATCH_NONE)
      return
    case 'bool':
      writer.u32(BOOL)
      writer.i32(query.must.length)
      writer.i32(query.should.length)
      writer.i32(query.mustNot.length)
      writer.i32(query.filter.length)
      writer.i32(query.minimumShouldMatch)
      writer.f32(query.boost)
      for (const clause of [...query.must, ...query.should, ...query.mustNot, ...query.filter]) {
        write(writer, clause)
      }
  }
}

export function encodeQuery(query: IndexQuery): Uint8Array {
  const writer = new ByteWriter()
  write(writer, query)
  return writer.finish()
}

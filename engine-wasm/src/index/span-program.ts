/**
 * A span query's program for index.wasm (format in engine-wasm/assembly/index/span-query.ts) and its getField, as
 * Lucene's SpanQuery classes answer it. The query must be expanded first (span-multi-rewrite.ts): a spanMulti left
 * here is a caller's bug and throws.
 */
import type { ByteWriter } from './byte-writer.ts'
import type { SpanQuery } from './types.ts'

const TERM = 1
const NEAR = 2
const OR = 3
const FIRST = 4
const NOT = 5
const CONTAINING = 6
const WITHIN = 7
const MASK = 8
const NONE = 9
const GAP = 10

/** SpanQuery.getField: the term's field; near and or their first clause's; first, not, containing their inner's. */
export function spanField(query: SpanQuery): string {
  switch (query.type) {
    case 'spanTerm':
    case 'spanNear':
    case 'spanOr':
    case 'fieldMaskingSpan':
    case 'spanMatchNone':
    case 'spanGap':
      return query.field
    case 'spanMulti':
      return query.query.field
    case 'spanFirst':
      return spanField(query.match)
    case 'spanNot':
      return spanField(query.include)
    case 'spanContaining':
    case 'spanWithin':
      return spanField(query.big)
  }
}

function writeClauses(writer: ByteWriter, clauses: readonly SpanQuery[]): void {
  writer.i32(clauses.length)
  for (const clause of clauses) writeSpanNode(writer, clause)
}

function writeSpanNode(writer: ByteWriter, query: SpanQuery): void {
  switch (query.type) {
    case 'spanTerm':
      writer.u32(TERM)
      writer.string(query.field)
      writer.string(query.term)
      return
    case 'spanNear':
      writer.u32(NEAR)
      writer.string(query.field)
      writer.i32(query.slop)
      writer.u32(query.inOrder ? 1 : 0)
      return writeClauses(writer, query.clauses)
    case 'spanOr':
      writer.u32(OR)
      return writeClauses(writer, query.clauses)
    case 'spanFirst':
      writer.u32(FIRST)
      writer.i32(query.end)
      return writeSpanNode(writer, query.match)
    case 'spanNot':
      writer.u32(NOT)
      writer.i32(query.pre)
      writer.i32(query.post)
      writeSpanNode(writer, query.include)
      return writeSpanNode(writer, query.exclude)
    case 'spanContaining':
    case 'spanWithin':
      writer.u32(query.type === 'spanContaining' ? CONTAINING : WITHIN)
      writeSpanNode(writer, query.big)
      return writeSpanNode(writer, query.little)
    case 'fieldMaskingSpan':
      writer.u32(MASK)
      return writeSpanNode(writer, query.query)
    case 'spanMatchNone':
      writer.u32(NONE)
      return
    case 'spanGap':
      writer.u32(GAP)
      writer.i32(query.width)
      return
    case 'spanMulti':
      throw new Error('span_multi must be expanded against the index before it runs')
  }
}

/**
 * The query whose SpanWeight scores a span query: FieldMaskingSpanQuery.createWeight answers its inner query's
 * weight, so a mask at the top scores (norms, field statistics) and explains itself as what it masks.
 */
export function weightedSpanQuery(query: SpanQuery): SpanQuery {
  return query.type === 'fieldMaskingSpan' ? weightedSpanQuery(query.query) : query
}

/** The operands of a SPAN node: its weight's field, its boost, its tree. */
export function writeSpanQuery(writer: ByteWriter, query: SpanQuery, boost: number): void {
  const weighted = weightedSpanQuery(query)
  writer.string(spanField(weighted))
  writer.f32(boost)
  writeSpanNode(writer, weighted)
}

/** The span query with every field it names (terms', near's, or's, masks', wrapped queries') passed through `rename`. */
export function renameSpanFields(query: SpanQuery, rename: (field: string) => string): SpanQuery {
  const sub = (q: SpanQuery): SpanQuery => renameSpanFields(q, rename)
  switch (query.type) {
    case 'spanTerm':
    case 'spanMatchNone':
    case 'spanGap':
      return { ...query, field: rename(query.field) }
    case 'spanNear':
    case 'spanOr':
      return { ...query, field: rename(query.field), clauses: query.clauses.map(sub) }
    case 'spanFirst':
      return { ...query, match: sub(query.match) }
    case 'spanNot':
      return { ...query, include: sub(query.include), exclude: sub(query.exclude) }
    case 'spanContaining':
    case 'spanWithin':
      return { ...query, big: sub(query.big), little: sub(query.little) }
    case 'fieldMaskingSpan':
      return { ...query, field: rename(query.field), query: sub(query.query) }
    case 'spanMulti':
      return { ...query, query: { ...query.query, field: rename(query.query.field) } }
  }
}

/**
 * Lucene's toString() of the span queries (every field named, as Query.toString() prints them):
 * SpanTermQuery `f:fox`, SpanNearQuery `spanNear([a, b], slop, inOrder)`, SpanOrQuery `spanOr([a, b])`,
 * SpanFirstQuery `spanFirst(q, end)`, SpanNotQuery `spanNot(include, exclude, pre, post)`,
 * SpanContainingQuery `SpanContaining(big, little)`, SpanWithinQuery `SpanWithin(big, little)`,
 * FieldMaskingSpanQuery `mask(q) as field`, SpanMultiTermQueryWrapper `SpanMultiTermQueryWrapper(f:qu*)` (before its
 * rewrite), ES's SpanMatchNoDocsQuery `SpanMatchNoDocsQuery("reason")` and SpanNearQuery's SpanGapQuery `SpanGap(:2)`.
 */
import type { SpanQuery } from '../../../../engine-wasm/src/index/index.ts'

export function describeSpan(query: SpanQuery): string {
  switch (query.type) {
    case 'spanTerm':
      return `${query.field}:${query.term}`
    case 'spanNear':
      return `spanNear([${query.clauses.map(describeSpan).join(', ')}], ${query.slop}, ${query.inOrder})`
    case 'spanOr':
      return `spanOr([${query.clauses.map(describeSpan).join(', ')}])`
    case 'spanFirst':
      return `spanFirst(${describeSpan(query.match)}, ${query.end})`
    case 'spanNot':
      return `spanNot(${describeSpan(query.include)}, ${describeSpan(query.exclude)}, ${query.pre}, ${query.post})`
    case 'spanContaining':
      return `SpanContaining(${describeSpan(query.big)}, ${describeSpan(query.little)})`
    case 'spanWithin':
      return `SpanWithin(${describeSpan(query.big)}, ${describeSpan(query.little)})`
    case 'fieldMaskingSpan':
      return `mask(${describeSpan(query.query)}) as ${query.field}`
    case 'spanMulti':
      return `SpanMultiTermQueryWrapper(${query.description})`
    case 'spanMatchNone':
      return `SpanMatchNoDocsQuery("${query.reason}")`
    case 'spanGap':
      // SpanGapQuery.toString(field) prints the field it is given: Query.toString() gives ""
      return `SpanGap(:${query.width})`
  }
}

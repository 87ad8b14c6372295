/**
 * An intervals query's program for index.wasm (format in engine-wasm/assembly/index/intervals-query.ts), and the
 * expansion of its multi-term leaves against the index before it runs (MultiTermIntervalsSource: every index term
 * the automaton accepts, more than the max clause count failing with Lucene's IllegalStateException text). The
 * expansion walks the terms of the whole index, where Lucene walks each segment's (see docs/DEVIATIONS.md).
 */
import type { ByteWriter } from './byte-writer.ts'
import { minExtent } from './intervals-sources.ts'
import { candidates, MAX_CLAUSE_COUNT, type TermSource } from './multi-term-candidates.ts'
import type { IndexQuery, IntervalsSource } from './types.ts'

const TERM = 1
const TERMS = 2
const OR = 3
const CONJUNCTIONS = { ordered: 4, unordered: 5, block: 6 } as const
const MAXGAPS = 7
const RELATION = 8
const EXTEND = 9
const OFFSET = 10
const NONE = 11

const RELATIONS = {
  containing: 0,
  containedBy: 1,
  overlapping: 2,
  notContaining: 3,
  notContainedBy: 4,
  nonOverlapping: 5,
} as const

/** MultiTermIntervalsSource's IllegalStateException: an automaton accepting more terms than maxExpansions. */
export class TooManyIntervalTermsError extends Error {
  constructor(pattern: string) {
    super(`Automaton [${pattern}] expanded to too many terms (limit ${MAX_CLAUSE_COUNT})`)
    this.name = 'TooManyIntervalTermsError'
  }
}

function expandSource(source: IntervalsSource, terms: TermSource): IntervalsSource {
  const sub = (s: IntervalsSource): IntervalsSource => expandSource(s, terms)
  switch (source.type) {
    case 'multiTerm': {
      const found = candidates(source.query, terms).map(({ term }) => term)
      if (found.length > MAX_CLAUSE_COUNT) throw new TooManyIntervalTermsError(source.pattern)
      return { ...source, terms: found }
    }
    case 'or':
    case 'ordered':
    case 'unordered':
    case 'block':
      return { ...source, sources: source.sources.map(sub) }
    case 'maxGaps':
    case 'extend':
    case 'offset':
    case 'fixField':
      return { ...source, source: sub(source.source) }
    case 'term':
    case 'noIntervals':
      return source
    default:
      return { ...source, source: sub(source.source), reference: sub(source.reference) }
  }
}

/** The intervals query with its multi-term leaves expanded against `terms`. */
export function expandIntervalTerms(
  query: Extract<IndexQuery, { type: 'intervals' }>,
  terms: TermSource,
): IndexQuery {
  return { ...query, source: expandSource(query.source, terms) }
}

function writeSource(writer: ByteWriter, source: IntervalsSource, field: string): void {
  switch (source.type) {
    case 'term':
      writer.u32(TERM)
      writer.string(field)
      writer.string(source.term)
      return
    case 'multiTerm': {
      if (source.terms === null)
        throw new Error('intervals must be expanded against the index before they run')
      writer.u32(TERMS)
      writer.string(field)
      writer.i32(source.terms.length)
      for (const term of source.terms) writer.string(term)
      return
    }
    case 'or':
    case 'ordered':
    case 'unordered':
    case 'block':
      writer.u32(source.type === 'or' ? OR : CONJUNCTIONS[source.type])
      writer.i32(source.sources.length)
      for (const sub of source.sources) writeSource(writer, sub, field)
      return
    case 'maxGaps':
      writer.u32(MAXGAPS)
      writer.i32(source.gaps)
      return writeSource(writer, source.source, field)
    case 'extend':
      writer.u32(EXTEND)
      writer.i32(source.before)
      writer.i32(source.after)
      return writeSource(writer, source.source, field)
    case 'offset':
      writer.u32(OFFSET)
      writer.u32(source.before ? 1 : 0)
      return writeSource(writer, source.source, field)
    case 'fixField':
      return writeSource(writer, source.source, source.field)
    case 'noIntervals':
      writer.u32(NONE)
      return
    default:
      writer.u32(RELATION)
      writer.u32(RELATIONS[source.type])
      writeSource(writer, source.source, field)
      return writeSource(writer, source.reference, field)
  }
}

/** The operands of an INTERVALS node: its boost, its source's minExtent, its source tree. */
export function writeIntervalsQuery(
  writer: ByteWriter,
  query: Extract<IndexQuery, { type: 'intervals' }>,
): void {
  writer.f32(query.boost)
  writer.i32(minExtent(query.source))
  writeSource(writer, query.source, query.field)
}

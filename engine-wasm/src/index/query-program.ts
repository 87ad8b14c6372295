/**
 * Serialises a rewritten query tree into the pre-order program index.wasm evaluates (format in
 * engine-wasm/assembly/index/query.ts, multi-term-queries.ts, compound-queries.ts, function-score.ts and
 * geo-queries.ts, span-query.ts, covering-query.ts, combined-field-query.ts, intervals-query.ts, rank-feature-query.ts,
 * knn-score-doc.ts, capped-score-query.ts). Boosts travel as float32, as Lucene holds them. Prefix, wildcard and regexp queries travel as their determinized automaton (the
 * regexp's RegexpSyntaxError / TooComplexToDeterminizeError surface here if the caller did not check first).
 */
import { compilePrefix, compileWildcard } from './automaton/wildcard.ts'
import { compileRegexp } from './automaton/regexp.ts'
import { writeDfa, type Dfa } from './automaton/determinize.ts'
import { ByteWriter } from './byte-writer.ts'
import { writeSpanQuery } from './span-program.ts'
import { writeIntervalsQuery } from './intervals-program.ts'
import type {
  AnalyzedToken,
  FeatureFunction,
  FieldValueModifier,
  IndexQuery,
  IndexScoreFunction,
} from './types.ts'

const TERM = 1
const PHRASE = 2
const MATCH_ALL = 3
const MATCH_NONE = 4
const BOOL = 5
const AUTOMATON = 6
const TERM_RANGE = 7
const NUMERIC_RANGE = 8
const EXISTS = 9
const FUZZY = 10
const DIS_MAX = 11
const CONSTANT_SCORE = 12
const BOOSTING = 13
const FUNCTION_SCORE = 14
const PHRASE_PREFIX = 15
const BLENDED_TERMS = 16
const NON_NESTED = 17
const NESTED = 18
const NESTED_SCORE_MODES = ['none', 'avg', 'max', 'min', 'sum']
const GEO_DISTANCE = 19
const GEO_BOUNDING_BOX = 20
const SPAN = 21
const COVERING = 22
const COMBINED_FIELD = 23
const INTERVALS = 24
const RANK_FEATURE = 26
const DISTANCE_FEATURE = 27
const CAPPED_SCORE = 28
const KNN_SCORE_DOC = 25

function automaton(writer: ByteWriter, field: string, dfa: Dfa, boost: number): void {
  writer.u32(AUTOMATON)
  writer.string(field)
  writeDfa(writer, dfa)
  writer.f32(boost)
}

const SCORE_MODES = ['multiply', 'sum', 'avg', 'first', 'max', 'min']
const BOOST_MODES = ['multiply', 'replace', 'sum', 'avg', 'max', 'min']
export const MODIFIERS: readonly FieldValueModifier[] = [
  'none',
  'log',
  'log1p',
  'log2p',
  'ln',
  'ln1p',
  'ln2p',
  'square',
  'sqrt',
  'reciprocal',
]
const DECAY_SHAPES = ['gauss', 'exp', 'linear']
const MULTI_VALUE_MODES = ['min', 'max', 'avg', 'sum']

/** DecayFunction.processScale: the scale the decay function evaluates with, from the user's scale and decay. */
export function processedScale(shape: string, scale: number, decay: number): number {
  if (shape === 'gauss') return (0.5 * scale * scale) / Math.log(decay)
  if (shape === 'exp') return Math.log(decay) / scale
  return scale / (1.0 - decay)
}

/**
 * A bool's clauses in program order: the filter clauses first (the engine intersects them before it scores the
 * others, so that a scorer is asked only for documents the conjunction can accept), then must, should, must_not.
 */
export function boolProgramOrder(query: Extract<IndexQuery, { type: 'bool' }>): readonly IndexQuery[] {
  return [...query.filter, ...query.must, ...query.should, ...query.mustNot]
}

function writeScoreFunction(writer: ByteWriter, { filter, weight, fn }: IndexScoreFunction): void {
  writer.u32(filter !== null ? 1 : 0)
  writer.u32(weight !== null ? 1 : 0)
  writer.f32(weight ?? 1)
  switch (fn.type) {
    case 'weight':
      writer.u32(0)
      return
    case 'fieldValueFactor':
      writer.u32(1)
      writer.string(fn.field)
      writer.f32(fn.factor)
      writer.u32(MODIFIERS.indexOf(fn.modifier))
      writer.u32(fn.missing !== null ? 1 : 0)
      writer.f64(fn.missing ?? 0)
      return
    case 'decay':
      writer.u32(2)
      writer.string(fn.field)
      writer.u32(DECAY_SHAPES.indexOf(fn.shape))
      writer.f64(fn.origin)
      writer.f64(processedScale(fn.shape, fn.scale, fn.decay))
      writer.f64(fn.offset)
      writer.u32(MULTI_VALUE_MODES.indexOf(fn.mode))
      return
    case 'random': {
      writer.u32(3)
      writer.i32(fn.saltedSeed)
      writer.u32(fn.hashes !== null ? 1 : 0)
      if (fn.hashes === null) return
      const docs = [...fn.hashes.keys()].sort((a, b) => a - b)
      writer.i32(docs.length)
      for (const doc of docs) writer.i32(doc)
      for (const doc of docs) writer.i32(fn.hashes.get(doc)!)
    }
  }
}

function writeFunctionScore(writer: ByteWriter, query: Extract<IndexQuery, { type: 'functionScore' }>): void {
  writer.f32(query.boost)
  writer.u32(SCORE_MODES.indexOf(query.scoreMode))
  writer.u32(BOOST_MODES.indexOf(query.boostMode))
  writer.f32(query.maxBoost)
  writer.u32(query.minScore !== null ? 1 : 0)
  writer.f32(query.minScore ?? 0)
  writer.i32(query.functions.length)
  for (const fn of query.functions) writeScoreFunction(writer, fn)
  writeQuery(writer, query.query)
  for (const { filter } of query.functions) if (filter !== null) writeQuery(writer, filter)
}

/** A phrase's terms grouped by position, in position order (MultiPhraseQuery's term arrays). */
export function termsByPosition(terms: readonly AnalyzedToken[]): Array<[number, string[]]> {
  const groups = new Map<number, string[]>()
  for (const { term, position } of terms) {
    const group = groups.get(position)
    if (group) group.push(term)
    else groups.set(position, [term])
  }
  return [...groups].sort((a, b) => a[0] - b[0])
}

function writePhrasePrefix(writer: ByteWriter, query: Extract<IndexQuery, { type: 'phrasePrefix' }>): void {
  writer.u32(PHRASE_PREFIX)
  writer.string(query.field)
  writer.i32(query.slop)
  writer.i32(query.maxExpansions)
  const groups = termsByPosition(query.terms)
  writer.i32(groups.length)
  for (const [position, terms] of groups) {
    writer.i32(position)
    writer.i32(terms.length)
    for (const term of terms) writer.string(term)
  }
  writer.f32(query.boost)
}

function writeCovering(writer: ByteWriter, query: Extract<IndexQuery, { type: 'covering' }>): void {
  writer.u32(COVERING)
  writer.i32(query.queries.length)
  writer.f32(query.boost)
  const docs = [...query.minimumNumberMatch.values.keys()].sort((a, b) => a - b)
  writer.i32(docs.length)
  for (const doc of docs) writer.i32(doc)
  for (const doc of docs) writer.f64(query.minimumNumberMatch.values.get(doc)!)
  for (const clause of query.queries) writeQuery(writer, clause)
}

/** Appends the program of a rewritten query to `writer`. */
export function writeQuery(writer: ByteWriter, query: IndexQuery): void {
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
    case 'phrasePrefix':
      return writePhrasePrefix(writer, query)
    case 'blendedTerms':
      writer.u32(BLENDED_TERMS)
      writer.i32(query.terms.length)
      writer.f32(query.tieBreaker)
      writer.f32(query.boost)
      for (const { field, term, boost } of query.terms) {
        writer.string(field)
        writer.string(term)
        writer.f32(boost)
      }
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
      for (const clause of boolProgramOrder(query)) writeQuery(writer, clause)
      return
    case 'prefix':
      return automaton(writer, query.field, compilePrefix(query.prefix, query.caseInsensitive), query.boost)
    case 'wildcard':
      return automaton(
        writer,
        query.field,
        compileWildcard(query.pattern, query.caseInsensitive),
        query.boost,
      )
    case 'regexp': {
      const { pattern, maxDeterminizedStates, flags, caseInsensitive } = query
      const dfa = compileRegexp(pattern, maxDeterminizedStates, flags, caseInsensitive)
      return automaton(writer, query.field, dfa, query.boost)
    }
    case 'fuzzy':
      writer.u32(FUZZY)
      writer.string(query.field)
      writer.string(query.term)
      writer.i32(query.maxEdits)
      writer.i32(query.prefixLength)
      writer.i32(query.maxExpansions)
      writer.u32(query.transpositions ? 1 : 0)
      writer.f32(query.boost)
      return
    case 'termRange': {
      const { lower, upper } = query
      writer.u32(TERM_RANGE)
      writer.string(query.field)
      const flags =
        (lower !== null ? 1 : 0) |
        (upper !== null ? 2 : 0) |
        (query.includeLower ? 4 : 0) |
        (query.includeUpper ? 8 : 0)
      writer.u32(flags)
      writer.string(lower ?? '')
      writer.string(upper ?? '')
      writer.f32(query.boost)
      return
    }
    case 'numericRange':
      writer.u32(NUMERIC_RANGE)
      writer.string(query.field)
      writer.f64(query.lower)
      writer.f64(query.upper)
      writer.f32(query.boost)
      return
    case 'exists':
      writer.u32(EXISTS)
      writer.string(query.field)
      writer.f32(query.boost)
      return
    case 'geoDistance':
      writer.u32(GEO_DISTANCE)
      writer.string(query.field)
      writer.f64(query.lat)
      writer.f64(query.lon)
      writer.f64(query.sortKey)
      writer.f32(query.boost)
      return
    case 'geoBoundingBox':
      writer.u32(GEO_BOUNDING_BOX)
      writer.string(query.field)
      writer.i32(query.minLat)
      writer.i32(query.maxLat)
      writer.i32(query.minLon)
      writer.i32(query.maxLon)
      writer.u32(query.crossesDateline ? 1 : 0)
      writer.f32(query.boost)
      return
    case 'span':
      writer.u32(SPAN)
      return writeSpanQuery(writer, query.query, query.boost)
    case 'intervals':
      writer.u32(INTERVALS)
      return writeIntervalsQuery(writer, query)
    case 'disMax':
      writer.u32(DIS_MAX)
      writer.i32(query.queries.length)
      writer.f32(query.tieBreaker)
      writer.f32(query.boost)
      for (const disjunct of query.queries) writeQuery(writer, disjunct)
      return
    case 'constantScore':
      writer.u32(CONSTANT_SCORE)
      writer.f32(query.boost)
      writeQuery(writer, query.filter)
      return
    case 'cappedScore':
      writer.u32(CAPPED_SCORE)
      writer.f32(query.maxScore)
      writer.f32(query.boost)
      writeQuery(writer, query.query)
      return
    case 'boosting':
      writer.u32(BOOSTING)
      writer.f32(query.negativeBoost)
      writer.f32(query.boost)
      writeQuery(writer, query.positive)
      writeQuery(writer, query.negative)
      return
    case 'functionScore':
      writer.u32(FUNCTION_SCORE)
      writeFunctionScore(writer, query)
      return
    case 'moreLikeThis':
      throw new Error('a more_like_this query runs only as its shard rewrote it')
    case 'knnVector':
      throw new Error('a knn query runs only as its shard resolved it')
    case 'percolate':
      throw new Error('a percolate query runs only as its shard resolved it')
    case 'nonNested':
      writer.u32(NON_NESTED)
      writer.f32(query.boost)
      return
    case 'nested':
      writer.u32(NESTED)
      writer.string(query.parentPath ?? '')
      writer.string(query.path)
      writer.u32(NESTED_SCORE_MODES.indexOf(query.scoreMode))
      writer.f32(query.boost)
      writeQuery(writer, query.query)
      return
    case 'covering':
      return writeCovering(writer, query)
    case 'knnScoreDoc':
      writer.u32(KNN_SCORE_DOC)
      writer.f32(query.boost)
      writer.i32(query.docs.length)
      for (const doc of query.docs) writer.i32(doc)
      for (const score of query.scores) writer.f32(score)
      return
    case 'combinedField':
      return writeCombinedField(writer, query)
    case 'synonym': {
      const { field, terms, norms, boost } = query
      return writeCombinedField(writer, { fields: [{ field, weight: 1 }], terms, norms, boost })
    }
    case 'rankFeature':
      return writeRankFeature(writer, query)
    case 'distanceFeature':
      return writeDistanceFeature(writer, query)
  }
}

const DISTANCE_KINDS = ['date', 'dateNanos', 'geo'] as const

function writeDistanceFeature(
  writer: ByteWriter,
  query: Extract<IndexQuery, { type: 'distanceFeature' }>,
): void {
  const { origin } = query
  writer.u32(DISTANCE_FEATURE)
  writer.string(query.field)
  writer.u32(DISTANCE_KINDS.indexOf(origin.kind))
  if (origin.kind === 'geo') {
    writer.f64(origin.lat)
    writer.f64(origin.lon)
    writer.f64(origin.pivot)
  } else {
    writer.i64(origin.value)
    writer.i64(origin.pivot)
  }
  writer.f32(query.boost)
}

const FEATURE_FUNCTIONS: readonly FeatureFunction['type'][] = ['linear', 'log', 'saturation', 'sigmoid']

function writeRankFeature(writer: ByteWriter, query: Extract<IndexQuery, { type: 'rankFeature' }>): void {
  const { fn } = query
  writer.u32(RANK_FEATURE)
  writer.string(query.luceneField)
  writer.string(query.feature)
  writer.u32(FEATURE_FUNCTIONS.indexOf(fn.type))
  const pivot = fn.type === 'saturation' || fn.type === 'sigmoid' ? fn.pivot : null
  writer.u32(pivot !== null ? 1 : 0)
  writer.f32(fn.type === 'log' ? fn.scalingFactor : (pivot ?? 0))
  writer.f32(fn.type === 'sigmoid' ? fn.exponent : 0)
  writer.f32(query.boost)
}

export function encodeQuery(query: IndexQuery): Uint8Array {
  const writer = new ByteWriter()
  writeQuery(writer, query)
  return writer.finish()
}

/** COMBINED_FIELD's operands (combined-field-query.ts in assembly). */
function writeCombinedField(
  writer: ByteWriter,
  query: Pick<Extract<IndexQuery, { type: 'combinedField' }>, 'fields' | 'terms' | 'norms' | 'boost'>,
): void {
  writer.u32(COMBINED_FIELD)
  writer.i32(query.fields.length)
  for (const { field, weight } of query.fields) {
    writer.string(field)
    writer.f32(weight)
  }
  writer.i32(query.terms.length)
  for (const term of query.terms) writer.string(term)
  writer.u32(query.norms ? 1 : 0)
  writer.f32(query.boost)
}

/**
 * Lucene's Query.toString() (every field named) for the inverted index's query tree, as explanations print it:
 * TermQuery `title:fox`, PhraseQuery `title:"quick ? fox"~2` (a `?` per empty position; MultiPhraseQuery's position
 * of several terms `(a b)`), MultiPhrasePrefixQuery
 * `title:"quick bro*"~1` (a position of several terms `(a b)`, the last `(a* b*)`; no gaps), BoostQuery `(q)^2.0`,
 * BooleanQuery `+must -mustNot should #filter` (ES's clause order; a sub-bool in parentheses; `(...)~n` with a
 * minimum should match), DisjunctionMaxQuery `(a | b)~0.3` (a sub-bool in parentheses), ConstantScoreQuery `ConstantScore(q)` (IdFieldType's
 * TermInSetQuery prints its encoded ids, `_id:([fe 1f])`),
 * BlendedTermQuery `blended(terms:[a:x, b:x^2.0])`, MatchAllDocsQuery `*:*`, MatchNoDocsQuery `MatchNoDocsQuery("reason")`, PrefixQuery `f:ab*`, WildcardQuery
 * `f:a?c`, SynonymQuery `Synonym(f:a f:b)`, RegexpQuery `f:/re/`, FuzzyQuery `f:fox~2`, TermRangeQuery `f:[a TO *}`, PointRangeQuery
 * `f:[1 TO 5]` (an open end as the point's bound: `-9223372036854775808` for a LongPoint, `2147483647` for an
 * IntPoint, `-Infinity` / `Infinity` for a DoublePoint or FloatPoint), FieldExistsQuery `FieldExistsQuery [field=f]` (the non-nested filter is ES 8's
 * `FieldExistsQuery [field=_primary_term]`), ToParentBlockJoinQuery `ToParentBlockJoinQuery (child)`, the geo
 * queries' IndexOrDocValuesQuery of LatLonPointDistanceQuery `f:lat,lon +/- r meters` and LatLonPointInBBoxQuery
 * `f:[minLat TO maxLat],[minLon TO maxLon]`, CombinedFieldQuery `CombinedFieldQuery((a b^2.0)(x y))`, CoveringQuery
 * `CoveringQuery(queries=[a, b], minimumNumberMatch=long(f))` (its queries' texts sorted), MoreLikeThisQuery before
 * its rewrite `like:[text, text]` (`like:null` with items only), and boosting's FunctionScoreQuery.boostByQuery
 * `FunctionScoreQuery(p, scored by boost(queryboost(score(n))^0.2))`, FeatureQuery
 * `FeatureQuery(field=_feature, feature=f, function=SaturationFunction(pivot=null))` and ES's LinearRankFeatureTermQuery
 * `LinearRankFeatureTermQuery(field=f, feature=x)`.
 * Numbers print as Java does (Float.toString for boosts and tie breakers).
 */
import {
  describeIntervals,
  termsByPosition,
  type FeatureFunction,
  type IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { javaDoubleToString, javaFloatToString } from '../../xcontent/index.ts'
import { decodeLatitude, decodeLongitude } from '../../common/geo/geo-encoding.ts'
import { nanosOfSortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { describeDistanceFeature } from './distance-feature-explanation.ts'
import { describeSpan } from './span-description.ts'

type BoolQuery = Extract<IndexQuery, { type: 'bool' }>
type PointType = NonNullable<Extract<IndexQuery, { type: 'numericRange' }>['point']>

/** The query without its boost (what a Weight's getQuery() prints: BoostQuery passes its boost down). */
export function describeUnboosted(query: IndexQuery): string {
  switch (query.type) {
    case 'term':
      return `${query.field}:${query.term}`
    case 'phrase':
      return `${query.field}:"${phraseText(query.terms)}"${query.slop !== 0 ? `~${query.slop}` : ''}`
    case 'phrasePrefix':
      return `${query.field}:"${phrasePrefixText(query.terms)}"${query.slop !== 0 ? `~${query.slop}` : ''}`
    case 'blendedTerms': {
      const terms = query.terms.map(
        ({ field, term, boost }) => `${field}:${term}${boost !== 1 ? `^${javaFloatToString(boost)}` : ''}`,
      )
      return `blended(terms:[${terms.join(', ')}])`
    }
    case 'matchAll':
      return '*:*'
    case 'matchNone':
      return `MatchNoDocsQuery("${query.reason ?? ''}")`
    case 'prefix':
      return `${query.field}:${query.prefix}*`
    case 'wildcard':
      return `${query.field}:${query.pattern}`
    case 'regexp':
      return `${query.field}:/${query.pattern}/`
    case 'fuzzy':
      return `${query.field}:${query.term}~${query.maxEdits}`
    case 'termRange':
      return `${query.field}:${query.includeLower ? '[' : '{'}${rangeBound(query.lower)} TO ${rangeBound(query.upper)}${query.includeUpper ? ']' : '}'}`
    case 'numericRange': {
      const bound = (value: number): string => pointBound(query, value)
      return `${query.field}:[${bound(query.lower)} TO ${bound(query.upper)}]`
    }
    case 'exists':
      return `FieldExistsQuery [field=${query.field}]`
    case 'geoDistance': {
      const { field, lat, lon, radiusMeters } = query
      const text = `${field}:${javaDoubleToString(lat)},${javaDoubleToString(lon)} +/- ${javaDoubleToString(radiusMeters)} meters`
      return `IndexOrDocValuesQuery(indexQuery=${text}, dvQuery=${text})`
    }
    case 'geoBoundingBox': {
      const box = geoBoxText(query)
      return `IndexOrDocValuesQuery(indexQuery=${query.field}:${box}, dvQuery=${query.field}:${box})`
    }
    case 'disMax': {
      const tie = query.tieBreaker !== 0 ? `~${javaFloatToString(query.tieBreaker)}` : ''
      return `(${query.queries.map(nestedText).join(' | ')})${tie}`
    }
    case 'constantScore':
      return query.description ?? `ConstantScore(${describeQuery(query.filter)})`
    case 'cappedScore':
      return `CappedScore(${describeQuery(query.query)})`
    case 'boosting': {
      const negative = `queryboost(score(${describeQuery(query.negative)}))^${javaFloatToString(query.negativeBoost)}`
      return `FunctionScoreQuery(${describeQuery(query.positive)}, scored by boost(${negative}))`
    }
    case 'bool':
      return boolText(query)
    case 'functionScore':
      return `function score (${describeQuery(query.query)}, functions: [${query.functions.map(() => '{}').join('')}])`
    case 'moreLikeThis':
      return `like:${query.like.likeText === null ? 'null' : `[${query.like.likeText.join(', ')}]`}`
    case 'nonNested':
      return 'FieldExistsQuery [field=_primary_term]'
    case 'knnScoreDoc':
      return 'ScoreAndDocQuery'
    case 'percolate':
      // PercolateQuery.toString: each document's source and a newline; its candidate query over the extracted terms,
      // which the playground does not index, left out (docs/DEVIATIONS.md)
      return `PercolateQuery{document_sources={${query.documents.map((doc) => `${doc}\n`).join('')}},inner={}}`
    case 'knnVector': {
      // KnnFloatVectorQuery.toString: Lucene's k is ES's num_candidates
      const filter = query.filter === null ? '' : `[${describeQuery(query.filter)}]`
      const first = javaFloatToString(query.queryVector[0] ?? 0)
      return `ESKnnFloatVectorQuery:${query.field}[${first},...][${query.numCandidates}]${filter}`
    }
    case 'nested':
      return `ToParentBlockJoinQuery (${describeQuery(query.query)})`
    case 'span':
      return describeSpan(query.query)
    case 'intervals':
      return `${query.field}:${describeIntervals(query.source)}`
    case 'synonym':
      return `Synonym(${query.terms.map((term) => `${query.field}:${term}`).join(' ')})`
    case 'combinedField': {
      const fields = query.fields.map(
        ({ field, weight }) => `${field}${weight !== 1 ? `^${javaFloatToString(weight)}` : ''}`,
      )
      return `CombinedFieldQuery((${fields.join(' ')})(${query.terms.join(' ')}))`
    }
    case 'covering': {
      const queries = query.queries.map(describeQuery).sort().join(', ')
      return `CoveringQuery(queries=[${queries}], minimumNumberMatch=${query.minimumNumberMatch.description})`
    }
    case 'distanceFeature':
      return describeDistanceFeature(query)
    case 'rankFeature': {
      const { luceneField, feature, fn } = query
      if (query.linearTerm === true)
        return `LinearRankFeatureTermQuery(field=${luceneField}, feature=${feature})`
      return `FeatureQuery(field=${luceneField}, feature=${feature}, function=${featureFunctionText(fn)})`
    }
  }
}

/** A FeatureField function's toString (a saturation's pivot as given: null until the query runs). */
export function featureFunctionText(fn: FeatureFunction, pivot: number | null = null): string {
  switch (fn.type) {
    case 'linear':
      return 'LinearFunction'
    case 'log':
      return `LogFunction(scalingFactor=${javaFloatToString(fn.scalingFactor)})`
    case 'saturation': {
      const k = fn.pivot ?? pivot
      return `SaturationFunction(pivot=${k === null ? 'null' : javaFloatToString(k)})`
    }
    case 'sigmoid':
      return `SigmoidFunction(pivot=${javaFloatToString(fn.pivot)}, a=${javaFloatToString(fn.exponent)})`
  }
}

/** Query.toString(): the query, wrapped as `(q)^boost` when boosted. */
export function describeQuery(query: IndexQuery): string {
  const text = describeUnboosted(query)
  return query.type === 'matchNone' || Math.fround(query.boost) === 1
    ? text
    : `(${text})^${javaFloatToString(query.boost)}`
}

/** BooleanQuery's clauses in the order ES's BoolQueryBuilder adds them: must, must_not, should, filter. */
export function boolClauses(query: BoolQuery): Array<{ occur: '+' | '-' | '' | '#'; query: IndexQuery }> {
  return [
    ...query.must.map((q) => ({ occur: '+' as const, query: q })),
    ...query.mustNot.map((q) => ({ occur: '-' as const, query: q })),
    ...query.should.map((q) => ({ occur: '' as const, query: q })),
    ...query.filter.map((q) => ({ occur: '#' as const, query: q })),
  ]
}

function boolText(query: BoolQuery): string {
  const clauses = boolClauses(query).map(({ occur, query: clause }) => occur + nestedText(clause))
  const msm = query.minimumShouldMatch
  return msm > 0 ? `(${clauses.join(' ')})~${msm}` : clauses.join(' ')
}

/** A clause of a BooleanQuery or a disjunct of a DisjunctionMaxQuery: a BooleanQuery in parentheses, as both print. */
function nestedText(query: IndexQuery): string {
  const text = describeQuery(query)
  return query.type === 'bool' && Math.fround(query.boost) === 1 ? `(${text})` : text
}

/** PhraseQuery's text, or MultiPhraseQuery's when a position has several terms (`(a b)`, in the order given). */
function phraseText(terms: readonly { term: string; position: number }[]): string {
  const last = terms.reduce((max, t) => Math.max(max, t.position), -1)
  const groups: string[][] = Array.from({ length: last + 1 }, () => [])
  for (const { term, position } of terms) groups[position]!.push(term)
  return groups
    .map((group) => (group.length === 0 ? '?' : group.length === 1 ? group[0]! : `(${group.join(' ')})`))
    .join(' ')
}

function phrasePrefixText(terms: readonly { term: string; position: number }[]): string {
  const groups = termsByPosition(terms).map(([, group]) => group)
  return groups
    .map((group, i) => {
      const last = i === groups.length - 1
      const text = last ? group.join('* ') + '*' : group.join(' ')
      return group.length > 1 ? `(${text})` : text
    })
    .join(' ')
}

/**
 * MultiPhraseQuery's text for the phrase prefix rewritten with its last position's expansion (`lastText`: one
 * term, or `(a b)`): a `?` per empty position, as PhraseQuery prints them.
 */
export function multiPhraseText(
  query: Extract<IndexQuery, { type: 'phrasePrefix' }>,
  lastText: string,
): string {
  const groups = termsByPosition(query.terms)
  let previous = -1
  const pieces = groups.map(([position, group], i) => {
    const gap = i === 0 ? '' : '? '.repeat(position - previous - 1)
    previous = position
    if (i === groups.length - 1) return gap + lastText
    return gap + (group.length > 1 ? `(${group.join(' ')})` : group[0]!)
  })
  return `${query.field}:"${pieces.join(' ')}"${query.slop !== 0 ? `~${query.slop}` : ''}`
}

function rangeBound(bound: string | null): string {
  if (bound === null) return '*'
  return bound === '*' ? '\\*' : bound
}

/** A date_nanos range's bound: the long of nanoseconds its sortable double stands for (an open end as a double). */
function nanosBound(value: number): string {
  return Number.isFinite(value) ? String(nanosOfSortableDouble(value)) : javaNumber(value)
}

/**
 * A range bound as its point type prints it: a double or float as Double.toString / Float.toString (an open end
 * `-Infinity` / `Infinity`), an integral point's open end as its MIN_VALUE / MAX_VALUE.
 */
function pointBound(query: Extract<IndexQuery, { type: 'numericRange' }>, value: number): string {
  const { point } = query
  if (point === undefined || (query.nanos === true && Number.isFinite(value)))
    return query.nanos === true ? nanosBound(value) : javaNumber(value)
  return pointValueText(point, value)
}

/** A value as its Lucene point's toString prints it (an integral point's ±Infinity: its MIN_VALUE / MAX_VALUE). */
export function pointValueText(point: PointType, value: number): string {
  if (point === 'double') return javaDoubleToString(value)
  if (point === 'float') return javaFloatToString(value)
  if (Number.isFinite(value)) return javaNumber(value)
  const bits = point === 'long' ? 63n : 31n
  return String(value < 0 ? -(2n ** bits) : 2n ** bits - 1n)
}

function javaNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : javaDoubleToString(value)
}

/** LatLonPointInBBoxQuery's bounds, decoded from the encoded ones it holds. */
function geoBoxText(query: Extract<IndexQuery, { type: 'geoBoundingBox' }>): string {
  const [minLat, maxLat] = [query.minLat, query.maxLat].map((v) => javaDoubleToString(decodeLatitude(v)))
  const [minLon, maxLon] = [query.minLon, query.maxLon].map((v) => javaDoubleToString(decodeLongitude(v)))
  return `[${minLat} TO ${maxLat}],[${minLon} TO ${maxLon}]`
}

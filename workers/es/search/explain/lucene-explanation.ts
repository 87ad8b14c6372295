/**
 * Lucene 9's Weight.explain over the engine's per-node trace (InvertedIndex.explain): the same tree of
 * descriptions Lucene builds, with the values the scorer computed, so the top value is the document's score:
 *   term, phrase, fuzzy terms  TermWeight / PhraseWeight with BM25 (bm25-explanation.ts); "no matching term",
 *                              "no matching terms", "no matching phrase"
 *   span queries               SpanWeight: BM25 of the sloppy frequency as "phraseFreq=", "no matching term"
 *   bool                       BooleanWeight: "sum of:", "match on required clause, product of:" for filters,
 *                              "no match on required clause (q)", "match on prohibited clause (q)",
 *                              "Failure to meet condition(s) of required/prohibited clause(s)", "No matching
 *                              clauses", "Failure to match minimum number of optional clauses: n"
 *   dis_max                    DisjunctionMaxWeight: "max of:" / "max plus <tie> times others of:", "No matching clause"
 *   blended terms              its rewrite: one term's weight, or a DisjunctionMaxQuery of the terms' weights
 *   constant score             ConstantScoreWeight: "<query>" or "<query>^<score>", "<query> doesn't match id <doc>"
 *                              (match_all, prefix, wildcard, regexp, ranges, exists, constant_score)
 *   fuzzy                      its TOP_TERMS_BLENDED_FREQS rewrite: one term's weight, or a BooleanQuery of them
 *   phrase prefix              MultiPhrasePrefixQuery's rewrite: no expansion MatchNoDocsQuery's reason; one position
 *                              a BooleanQuery of the expanded terms (as fuzzy); more a MultiPhraseQuery's PhraseWeight
 *   boosting                   FunctionScoreQuery.boostByQuery: "weight(<query>), result of:" over "product of:"
 *                              the positive's explanation and "Matched boosting query score(<negative>)"
 *   intervals                  IntervalWeight: IntervalScoreFunction's saturation "computed as w * S / (S + k)" of
 *                              the sloppy frequency S, pivot k 1; "no matching intervals"
 *   combined fields            CombinedFieldWeight: "weight(<query> in <doc>), result of:" over BM25's explanation of the
 *                              pseudo field, its frequency "termFreq=<f>"; "no matching term"; SynonymWeight the same
 *                              with " [PerFieldSimilarity]" before ", result of:"
 *   covering (terms_set)       CoveringWeight: "<n> matches for <m> required matches, sum of:" over every clause's
 *                              explanation (unmatched too); "minimumNumberMatch has no value on the current document"
 *   function_score             FunctionScoreQuery's CustomBoostFactorWeight (function-score-explanation.ts)
 *   rank_feature               FeatureQuery's function explain, LinearRankFeatureTermQuery's (feature-explanation.ts)
 *   capped score (pinned)      CappedScoreWeight: the wrapped query's, or "Capped score of <query>, max of" above
 *                              the cap, with the cap as "maximum score"
 * The doc id printed in "in N" and "doesn't match id N" is the shard-local doc id (one segment per shard).
 */
import { distanceFeatureExplanation } from './distance-feature-explanation.ts'
import {
  boolProgramOrder,
  termsByPosition,
  weightedSpanQuery,
  type DfsStatistics,
  type ExplainedQuery,
  type InvertedIndex,
  type IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { javaFloatToString } from '../../xcontent/index.ts'
import { bm25Explanation, bm25Score } from './bm25-explanation.ts'
import { match, matchDouble, noMatch, type Explanation } from './explanation.ts'
import { functionScoreExplanation } from './function-score-explanation.ts'
import { featureExplanation } from './feature-explanation.ts'
import { boolClauses, describeQuery, describeUnboosted, multiPhraseText } from './query-description.ts'
import { describeSpan } from './span-description.ts'

type Node<T extends IndexQuery['type']> = ExplainedQuery & { query: Extract<IndexQuery, { type: T }> }

function leafWeight(node: ExplainedQuery, docId: number, phrase: boolean): Explanation {
  const weight = node.weights[0]
  if (weight?.status === 'match') {
    return bm25Explanation(describeUnboosted(node.query), docId, weight.factors, phrase)
  }
  if (!phrase) return noMatch('no matching term')
  return noMatch(weight?.status === 'noMatchingPhrase' ? 'no matching phrase' : 'no matching terms')
}

/**
 * SpanWeight.explain: BM25 of the spans' sloppy frequency ("phraseFreq="), else "no matching term"; the weight's
 * query is the one it scores (a top-level field_masking_span's inner query).
 */
function spanWeight(node: Node<'span'>, docId: number): Explanation {
  const weight = node.weights[0]
  if (weight?.status !== 'match') return noMatch('no matching term')
  const description = describeSpan(weightedSpanQuery(node.query.query))
  return bm25Explanation(description, docId, weight.factors, true)
}

/** IntervalWeight.explain: the saturation function of the intervals' sloppy frequency, else "no matching intervals". */
function intervalsWeight(node: ExplainedQuery): Explanation {
  const weight = node.weights[0]
  if (weight?.status !== 'intervals') return noMatch('no matching intervals')
  const { weight: w, freq } = weight
  return match(node.score, 'Saturation function on interval frequency, computed as w * S / (S + k) from:', [
    match(w, 'w, weight of this function'),
    match(1, 'k, pivot feature value that would give a score contribution equal to w/2'),
    match(freq, `S, the sloppy frequency of the interval query ${describeUnboosted(node.query)}`),
  ])
}

function constantScore(node: ExplainedQuery, docId: number): Explanation {
  const description = describeUnboosted(node.query)
  if (!node.matched) return noMatch(`${description} doesn't match id ${docId}`)
  const score = Math.fround(node.score)
  return match(score, score === 1 ? description : `${description}^${javaFloatToString(score)}`)
}

/**
 * CappedScoreWeight.explain: the wrapped query's explanation, or, when it matches above the cap, "Capped score of
 * <query>, max of" over it and the cap as "maximum score".
 */
function cappedScore(node: Node<'cappedScore'>, docId: number): Explanation {
  const [child] = node.children
  const sub = child ? explainNode(child, docId) : noMatch('')
  const { maxScore, query } = node.query
  if (!sub.match || Math.fround(sub.value) <= maxScore) return sub
  const description = `Capped score of ${describeQuery(query)}, max of`
  return match(maxScore, description, [sub, match(maxScore, 'maximum score')])
}

/** A BooleanQuery of SHOULD TermQuerys, one per named weight of the node (one term: that TermQuery). */
function expandedTerms(node: Node<'fuzzy' | 'phrasePrefix'>, docId: number): Explanation {
  const field = node.query.field
  const weights = node.weights.map((weight) =>
    weight.status === 'match'
      ? bm25Explanation(`${field}:${weight.term}`, docId, weight.factors, false)
      : noMatch('no matching term'),
  )
  const [only] = weights
  if (weights.length === 0) return noMatch('empty BooleanQuery')
  if (weights.length === 1 && only) return only
  const subs = weights.filter((e) => e.match)
  return subs.length > 0 ? match(node.score, 'sum of:', subs) : noMatch('No matching clauses', subs)
}

const NO_PREFIX_TERMS = 'No terms supplied for org.elasticsearch.common.lucene.search.MultiPhrasePrefixQuery'

function phrasePrefix(node: Node<'phrasePrefix'>, docId: number): Explanation {
  const [weight] = node.weights
  if (weight === undefined) return noMatch(NO_PREFIX_TERMS)
  if (termsByPosition(node.query.terms).length === 1) return expandedTerms(node, docId)
  if (weight.status === 'match') {
    return bm25Explanation(multiPhraseText(node.query, weight.term), docId, weight.factors, true)
  }
  return noMatch(weight.status === 'noMatchingPhrase' ? 'no matching phrase' : 'no matching terms')
}

function bool(node: Node<'bool'>, docId: number): Explanation {
  // node.children follow the program order (boolProgramOrder); Lucene's follow ES's clause order.
  const childAt = new Map<IndexQuery, ExplainedQuery>()
  boolProgramOrder(node.query).forEach((query, i) => {
    const child = node.children[i]
    if (child) childAt.set(query, child)
  })
  const subs: Explanation[] = []
  let fail = false
  let matchCount = 0
  let shouldMatchCount = 0
  for (const { occur, query } of boolClauses(node.query)) {
    const child = childAt.get(query)
    if (!child) continue
    const e = explainNode(child, docId)
    const text = describeQuery(query)
    if (e.match) {
      if (occur === '+' || occur === '') subs.push(e)
      else if (occur === '#')
        subs.push(match(0, 'match on required clause, product of:', [match(0, '# clause'), e]))
      else {
        subs.push(noMatch(`match on prohibited clause (${text})`, [e]))
        fail = true
      }
      if (occur !== '-') matchCount++
      if (occur === '') shouldMatchCount++
    } else if (occur === '+' || occur === '#') {
      subs.push(noMatch(`no match on required clause (${text})`, [e]))
      fail = true
    }
  }
  const msm = node.query.minimumShouldMatch
  if (fail) return noMatch('Failure to meet condition(s) of required/prohibited clause(s)', subs)
  if (matchCount === 0) return noMatch('No matching clauses', subs)
  if (shouldMatchCount < msm) {
    return noMatch(`Failure to match minimum number of optional clauses: ${msm}`, subs)
  }
  return match(node.score, 'sum of:', subs)
}

function disMax(node: Node<'disMax'>, docId: number): Explanation {
  const subs = node.children.map((child) => explainNode(child, docId))
  return disjunctionMax(node.score, node.query.tieBreaker, subs)
}

function blendedTerms(node: Node<'blendedTerms'>, docId: number): Explanation {
  const subs = node.weights.map((weight) =>
    weight.status === 'match'
      ? bm25Explanation(weight.term, docId, weight.factors, false)
      : noMatch('no matching term'),
  )
  const [only] = subs
  if (node.query.terms.length === 1 && only) return only
  return disjunctionMax(node.score, node.query.tieBreaker, subs)
}

/** DisjunctionMaxWeight.explain over its disjuncts' explanations. */
function disjunctionMax(score: number, tie: number, explained: Explanation[]): Explanation {
  const subs = explained.filter((e) => e.match)
  if (subs.length === 0) return noMatch('No matching clause')
  const description = tie === 0 ? 'max of:' : `max plus ${javaFloatToString(tie)} times others of:`
  return match(score, description, subs)
}

function boosting(node: Node<'boosting'>, docId: number): Explanation {
  const [positiveNode, negativeNode] = node.children
  if (!positiveNode || !negativeNode) return noMatch('no matching clause')
  const positive = explainNode(positiveNode, docId)
  if (!positive.match) return positive
  const negativeBoost = Math.fround(node.query.negativeBoost)
  // FunctionScoreWeight.explain takes the positive's score as its scorer gives it, a float, even where the
  // positive's own explanation is a double (a boosting inside a boosting)
  const inner = negativeNode.matched
    ? matchDouble(Math.fround(positive.value) * negativeBoost, 'product of:', [
        positive,
        match(negativeBoost, `Matched boosting query score(${describeQuery(node.query.negative)})`),
      ])
    : positive
  const description = `weight(${describeUnboosted(node.query)})`
  const boost = Math.fround(node.query.boost)
  if (boost !== 1) return match(node.score, `${description}, product of:`, [match(boost, 'boost'), inner])
  return { ...inner, description: `${description}, result of:`, details: [inner] }
}

/**
 * CombinedFieldWeight.explain and SynonymWeight.explain: BM25 over the summed frequency ("termFreq="), norm and pseudo
 * statistics; SynonymWeight names the similarity after the document, as TermWeight does.
 */
function combinedField(node: Node<'combinedField' | 'synonym'>, docId: number): Explanation {
  const weight = node.weights[0]
  if (weight?.status !== 'match') return noMatch('no matching term')
  const { factors } = weight
  const freq = match(factors.freq, `termFreq=${javaFloatToString(factors.freq)}`)
  const score = bm25Score(factors, freq)
  const similarity = node.query.type === 'synonym' ? ' [PerFieldSimilarity]' : ''
  const description = `weight(${describeUnboosted(node.query)} in ${docId})${similarity}, result of:`
  return match(score.value, description, [score])
}

/** CoveringWeight.explain: the document's own minimum (at least 1) against its matching clauses. */
function covering(node: Node<'covering'>, docId: number): Explanation {
  const minimum = node.query.minimumNumberMatch.values.get(docId)
  if (minimum === undefined) return noMatch('minimumNumberMatch has no value on the current document')
  const required = Math.max(1, minimum)
  const subs = node.children.map((child) => explainNode(child, docId))
  const freq = subs.filter((e) => e.match).length
  const description = `${freq} matches for ${required} required matches`
  return freq >= required ? match(node.score, `${description}, sum of:`, subs) : noMatch(description, subs)
}

function explainNode(node: ExplainedQuery, docId: number): Explanation {
  switch (node.query.type) {
    case 'term':
      return leafWeight(node, docId, false)
    case 'phrase':
      return leafWeight(node, docId, true)
    case 'span':
      return spanWeight(node as Node<'span'>, docId)
    case 'intervals':
      return intervalsWeight(node)
    case 'matchNone':
      return noMatch(node.query.reason ?? '')
    case 'fuzzy':
      return expandedTerms(node as Node<'fuzzy'>, docId)
    case 'phrasePrefix':
      return phrasePrefix(node as Node<'phrasePrefix'>, docId)
    case 'bool':
      return bool(node as Node<'bool'>, docId)
    case 'disMax':
      return disMax(node as Node<'disMax'>, docId)
    case 'blendedTerms':
      return blendedTerms(node as Node<'blendedTerms'>, docId)
    case 'boosting':
      return boosting(node as Node<'boosting'>, docId)
    case 'covering':
      return covering(node as Node<'covering'>, docId)
    case 'combinedField':
    case 'synonym':
      return combinedField(node as Node<'combinedField' | 'synonym'>, docId)
    case 'rankFeature':
      return featureExplanation(node as Node<'rankFeature'>, docId)
    case 'distanceFeature':
      return distanceFeatureExplanation(node as Node<'distanceFeature'>, docId)
    case 'functionScore':
      return functionScoreExplanation(node as Node<'functionScore'>, (child) => explainNode(child, docId))
    case 'cappedScore':
      return cappedScore(node as Node<'cappedScore'>, docId)
    case 'knnScoreDoc':
      // PercolateQuery's weight: the stored query's score (its explanation on the in-memory index left out)
      if ((node as Node<'knnScoreDoc'>).query.percolate === true)
        return node.matched ? match(node.score, 'PercolateQuery') : noMatch('PercolateQuery')
      // KnnScoreDocQuery's weight: the document's score times the boost
      return node.matched ? match(node.score, 'within top k documents') : noMatch('not in top k documents')
    default:
      return constantScore(node, docId)
  }
}

/**
 * Lucene's explanation of how shard-local document docId scores against the query in this shard's index, with
 * the search's global statistics when given (dfs_query_then_fetch: n, N and avgdl are then the global ones).
 */
export function explainDocument(
  index: InvertedIndex,
  query: IndexQuery,
  docId: number,
  dfs: DfsStatistics | null = null,
): Explanation {
  return explainNode(index.explain(query, docId, dfs), docId)
}

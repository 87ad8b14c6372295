/**
 * The explanation of one BM25 weight (TermWeight / PhraseWeight with BM25Similarity's scorer), from the factors
 * the WASM scorer recorded:
 *   weight(<query> in <doc>) [PerFieldSimilarity], result of:
 *     score(freq=<freq>), computed as boost * idf * tf from:
 *       boost                                       (only when the scorer's boost is not 1)
 *       idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from: n, N        (several terms: "idf, sum of:" those)
 *       tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from: freq, k1, b, dl, avgdl
 * CombinedFieldWeight's explanation shares the scorer's part (bm25Score), its frequency "termFreq=<freq>".
 * dl is "(approximate)" when its norm byte is above 39 (SmallFloat no longer stores the length exactly).
 * "PerFieldSimilarity" is the simple class name of Elasticsearch's per-field similarity wrapper.
 */
import type { BM25Factors } from '../../../../engine-wasm/src/index/index.ts'
import { javaFloatToString } from '../../xcontent/index.ts'
import { match, matchLong, type Explanation } from './explanation.ts'

const K1 = 1.2
const B = 0.75

function termIdf(docFreq: number, idf: number, docCount: number): Explanation {
  return match(idf, 'idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:', [
    matchLong(docFreq, 'n, number of documents containing term'),
    matchLong(docCount, 'N, total number of documents with field'),
  ])
}

/** BM25Similarity.scorer: one term's idf as it is, several terms' (a phrase's, a span query's) summed. */
function idfExplanation(factors: BM25Factors): Explanation {
  const terms = factors.terms.map(({ docFreq, idf }) => termIdf(docFreq, idf, factors.docCount))
  const [only] = terms
  return only && terms.length === 1 ? only : match(factors.idf, 'idf, sum of:', terms)
}

/**
 * BM25Similarity's scorer explanation, "score(freq=...), computed as boost * idf * tf from:", with `freq` the
 * frequency's own explanation as the weight gives it.
 */
export function bm25Score(factors: BM25Factors, freq: Explanation): Explanation {
  const dl = factors.norm > 39 ? 'dl, length of field (approximate)' : 'dl, length of field'
  const tf = match(factors.tf, 'tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:', [
    freq,
    match(K1, 'k1, term saturation parameter'),
    match(B, 'b, length normalization parameter'),
    match(factors.dl, dl),
    match(factors.avgdl, 'avgdl, average length of field'),
  ])
  const constants = factors.boost !== 1 ? [match(factors.boost, 'boost')] : []
  const freqText = javaFloatToString(factors.freq)
  return match(factors.score, `score(freq=${freqText}), computed as boost * idf * tf from:`, [
    ...constants,
    idfExplanation(factors),
    tf,
  ])
}

/** The weight's explanation; `phrase` picks the "phraseFreq=" text of PhraseWeight and SpanWeight. */
export function bm25Explanation(
  description: string,
  docId: number,
  factors: BM25Factors,
  phrase: boolean,
): Explanation {
  const freq = phrase
    ? match(factors.freq, `phraseFreq=${javaFloatToString(factors.freq)}`)
    : match(factors.freq, 'freq, occurrences of term within document')
  const score = bm25Score(factors, freq)
  return match(factors.score, `weight(${description} in ${docId}) [PerFieldSimilarity], result of:`, [score])
}

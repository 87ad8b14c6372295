// Top-k scoring of one term in one segment, as Lucene 9's TermScorer over an ImpactsDISI feeds a
// TopScoreDocCollector: postings are walked block by block (impacts.ts: BLOCK_SIZE entries each); once the collector
// has a minimum competitive score, a block whose max score is below it is skipped whole, and in a block a document
// whose score is below it is not collected (it could not enter the heap: the root beats it or ties it with a lower
// doc id). Before that every live document is counted, so total hits are exact up to the threshold: a block whose
// max score cannot enter the full heap is counted without scoring it, the others are scored and collected.
// Scores are the scorer's own float32: a lone term's score as MaxScore (max-score.ts) sums it, bit for bit.
// No managed allocation: the impacts are the postings' cached ones (built on first use).
import { BM25Scorer } from './bm25'
import { FieldNorms } from './field-norms'
import { BLOCK_SIZE, Impacts } from './impacts'
import { LiveDocs } from './live-docs'
import { Postings, PostingsDocs } from './postings'
import { TopScoreDocCollector } from './top-docs-collector'

/** The live docs among entries [from, to). */
function liveCount(docs: PostingsDocs, from: i32, to: i32, liveDocs: LiveDocs | null): i32 {
  if (liveDocs == null) return to - from
  let live = 0
  for (let i = from; i < to; i++) if (liveDocs.isLive(docs[i])) live++
  return live
}

/** Collects the competitive docs of `postings` (local doc ids of the collector's docBase); liveDocs null without deletions. */
export function scoreTerm(
  postings: Postings,
  norms: FieldNorms,
  scorer: BM25Scorer,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): void {
  const impacts = Impacts.of(postings, norms)
  const docFreq = postings.docFreq
  const docBase = collector.docBase
  const docs = postings.docs
  const freqs = postings.freqs
  for (let from = 0; from < docFreq; from += BLOCK_SIZE) {
    const minScore = collector.minCompetitiveScore
    if (minScore == Infinity) return
    const to = min(docFreq, from + BLOCK_SIZE)
    // while hits are still counted, a block that cannot enter the full heap is counted, not scored
    const bound = minScore > -Infinity ? minScore : collector.heapMinScore
    if (bound > -Infinity && impacts.maxScore(from / BLOCK_SIZE, scorer) < bound) {
      if (minScore == -Infinity) collector.count(liveCount(docs, from, to, liveDocs))
      continue
    }
    for (let i = from; i < to; i++) {
      const doc = docs[i]
      if (liveDocs != null && !liveDocs.isLive(doc)) continue
      const score = scorer.score(<f32>freqs[i], norms.get(doc))
      if (score >= collector.minCompetitiveScore) collector.collect(docBase + doc, score)
    }
  }
}

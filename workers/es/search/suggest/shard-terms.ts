/**
 * What the term and phrase suggesters read of a field's terms on one shard's searcher: maxDoc (deleted documents
 * included, as Lucene's reader counts them), docFreq, the terms within an edit distance (the spell checker's
 * walks), a term's TermStats (docFreq and totalTermFreq, through the DFS statistics of a term query; cached per
 * field for one suggestion), the field's sumTotalTermFreq and its number of distinct terms, which Lucene's
 * MultiTerms does not know: Terms.size() with one segment, maxDoc with several (WordScorer's fallback).
 * A field without terms on the shard (MultiTerms.getTerms null) has no generator terms.
 */
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { termStatisticsQuery } from '../shard-field-values.ts'
import type { SpellCheckIndex } from './direct-spell-checker.ts'
import type { TermStats } from './phrase/candidate.ts'
import type { GeneratorTerms } from './phrase/direct-candidate-generator.ts'
import type { NgramTerms } from './phrase/word-scorer.ts'

function maxDoc(shard: ShardSearcher): number {
  return shard.searcherIndex.segments().reduce((sum, segment) => sum + segment.maxDoc, 0)
}

export function spellCheckIndex(shard: ShardSearcher, field: string): SpellCheckIndex {
  const searcher = shard.searcherIndex
  return {
    maxDoc: maxDoc(shard),
    docFreq: (term) => searcher.docFreq(field, term),
    fuzzyTerms: (term, maxEdits, prefixLength) => searcher.fuzzyTerms(field, term, maxEdits, prefixLength),
  }
}

function termStatsReader(shard: ShardSearcher, field: string): (term: string) => TermStats {
  const cache = new Map<string, TermStats>()
  return (term) => {
    let stats = cache.get(term)
    if (stats === undefined) {
      const found = shard.searcherIndex.dfs(termStatisticsQuery([{ field, term }])).terms[0]
      stats = { docFreq: found?.docFreq ?? 0, totalTermFreq: found?.totalTermFreq ?? 0 }
      cache.set(term, stats)
    }
    return stats
  }
}

export function generatorTerms(shard: ShardSearcher, field: string): GeneratorTerms | null {
  const statistics = shard.searcherIndex.fieldStatistics(field)
  if (statistics === null) return null
  return {
    ...spellCheckIndex(shard, field),
    termStats: termStatsReader(shard, field),
    sumTotalTermFreq: statistics.sumTotalTermFreq,
  }
}

export function ngramTerms(shard: ShardSearcher, field: string): NgramTerms | null {
  const searcher = shard.searcherIndex
  const statistics = searcher.fieldStatistics(field)
  if (statistics === null) return null
  const stats = termStatsReader(shard, field)
  const segments = searcher.segments()
  return {
    frequency: (term) => stats(term).totalTermFreq,
    vocabularySize: statistics.sumTotalTermFreq,
    numTerms: segments.length === 1 ? searcher.fieldTerms(field).length : maxDoc(shard),
  }
}

/**
 * The phrase suggester's `collate`: for each correction, the query template rendered with Mustache (its `params`
 * and `suggestion`, the corrected phrase) and parsed as a top-level query on the shard; the correction matches when
 * the query finds a live document of the shard (Lucene.exists). Without `prune` a correction that does not match is
 * dropped; with it every correction is kept, its `collate_match` told.
 */
import type { IndexService } from '../../../index/index-service.ts'
import type { ShardSearcher } from '../../../index/shard/shard-searcher.ts'
import { TemplateScript } from '../../../script/template-script.ts'
import { buildQueryOnShard } from '../../index-query-context.ts'
import type { CollateBuilder } from './phrase-suggestion-builder.ts'

export interface CollateContext {
  index: IndexService
  shard: ShardSearcher
  nowMillis: number
}

export function collateMatches(
  collate: CollateBuilder,
  suggestion: string,
  context: CollateContext,
): boolean {
  const params = new Map(collate.params ?? [])
  params.set('suggestion', suggestion)
  const source = TemplateScript.compile(collate.source).execute(params)
  const query = buildQueryOnShard({ query: source }, context.index, context.shard, context.nowMillis)
  return context.shard.searcherIndex.count(query) > 0
}

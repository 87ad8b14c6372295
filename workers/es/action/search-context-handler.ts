/**
 * The data node's side of scrolls (SearchService.executeQueryPhase with a scroll, executeFetchPhase's
 * lastEmittedDoc, freeReaderContext, freeAllScrollContexts): a search with `?scroll` opens a reader context on the
 * local copy (reader-contexts.ts: the copy's view as it is now, kept until the context is freed) and answers the
 * first page from it; each `scroll` request answers the next page from the same view, the shard's documents after
 * those earlier pages took. With one shard the page advances the context itself (queryAndFetch); with several, the
 * coordinating node says how many of the page's documents it used (`scroll_emitted`, the fetch phase's message,
 * sent only to the shards whose documents the page took). Each page is one query message per shard, plus that
 * notice to the shards that gave documents.
 */
import type { Clock } from '../../net/clock.ts'
import { EsException } from '../errors/index.ts'
import { toWireException } from '../errors/wire-exception.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import { analyzeForIndexing } from '../analysis/index.ts'
import { executeShardSearch, type ShardSearchRequest } from '../search/shard-search.ts'
import {
  searchContextMissing,
  type ReaderContext,
  type ReaderContexts,
} from '../search/context/reader-contexts.ts'
import type { ShardRequest, ShardResponse, ShardTarget } from './shard-messages.ts'

export interface SearchContextDeps {
  clock: Clock
  indices: IndicesService
  contexts: ReaderContexts
  localNodeId: () => string
}

type ScrollSearch = ShardTarget & ShardSearchRequest & { scroll: { keepAlive: number; selfAdvance: boolean } }

export class SearchContextHandler {
  constructor(private readonly deps: SearchContextDeps) {}

  /** The first page of a scroll: a context on the local copy, then its page. */
  openScroll(index: IndexService, shard: IndexShard, request: ScrollSearch): ShardResponse {
    return this.failing(() => {
      const { scroll, index: name, uuid, shard: number, ...search } = request
      index.scheduledRefresh(this.deps.clock.now())
      const context = this.deps.contexts.put(
        { index: name, uuid, shard: number },
        () => shard.acquireSearcher(),
        scroll.keepAlive,
        { request: search, emitted: 0 },
      )
      return this.page(index, context, scroll.selfAdvance, false)
    })
  }

  handle(
    request: Extract<
      ShardRequest,
      { type: 'scroll' | 'scroll_emitted' | 'free_context' | 'free_all_scrolls' }
    >,
  ): ShardResponse {
    const { contexts } = this.deps
    switch (request.type) {
      case 'scroll':
        return this.failing(() => {
          const context = contexts.find(request.sessionId, request.id, request.keepAlive)
          const index = this.deps.indices.get(context.target.index)
          if (!index || index.metadata.uuid !== context.target.uuid || !context.scroll)
            throw searchContextMissing(request.id)
          return this.page(index, context, request.selfAdvance, true)
        })
      case 'scroll_emitted':
        return this.failing(() => {
          const scroll = contexts.find(request.sessionId, request.id, null).scroll
          if (scroll) scroll.emitted += request.emitted
          return { type: 'ack' }
        })
      case 'free_context':
        return { type: 'freed', freed: contexts.free(request.sessionId, request.id) }
      case 'free_all_scrolls':
        contexts.freeAllScrolls()
        return { type: 'ack' }
    }
  }

  /** The scroll's next page from its context's searcher (`withRequest`: answered with the search it runs). */
  private page(
    index: IndexService,
    context: ReaderContext,
    selfAdvance: boolean,
    withRequest: boolean,
  ): ShardResponse {
    const scroll = context.scroll!
    const now = this.deps.clock.now()
    let result
    try {
      result = executeShardSearch(
        index,
        context.searcher,
        { ...scroll.request, window: { skip: scroll.emitted } },
        analyzeForIndexing,
        now,
      )
    } catch (error) {
      this.deps.contexts.free(this.deps.contexts.sessionId, context.id)
      throw error
    }
    const live = index.shards.get(context.target.shard)
    if (live) live.counters.queryTotal++
    if (selfAdvance && result.type === 'query') scroll.emitted += result.result.docs.length
    const { body, params } = scroll.request
    return {
      type: 'search',
      node: this.deps.localNodeId(),
      result,
      reader: { sessionId: this.deps.contexts.sessionId, id: context.id },
      ...(withRequest ? { request: { body, params } } : {}),
    }
  }

  /** An EsException the work throws is the shard's failure. */
  private failing(work: () => ShardResponse): ShardResponse {
    try {
      return work()
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      return { type: 'search_failed', node: this.deps.localNodeId(), error: toWireException(error) }
    }
  }
}

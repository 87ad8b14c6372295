/**
 * The data node's side of scrolls (SearchService.executeQueryPhase with a scroll, executeFetchPhase's
 * lastEmittedDoc, freeReaderContext, freeAllScrollContexts): a search with `?scroll` opens a reader context on the
 * local copy (reader-contexts.ts: the copy's view as it is now, kept until the context is freed) and answers the
 * first page from it; each `scroll` request answers the next page from the same view, the shard's documents after
 * those earlier pages took. With one shard the page advances the context itself (queryAndFetch); with several, the
 * coordinating node says how many of the page's documents it used (`scroll_emitted`, the fetch phase's message,
 * sent only to the shards whose documents the page took). Each page is one query message per shard, plus that
 * notice to the shards that gave documents. A page keeps its context at least its `scroll` keep alive, or
 * search.default_keep_alive (5m) without one; a keep alive over search.max_keep_alive frees the context and fails.
 *
 * Points in time (SearchService.openReaderContext, and executeQueryPhase with a reader id): `openReader` opens a
 * context without a request on the local copy (after the copy's scheduled refresh, as a search would see it; with
 * an index filter, none when no document of the copy matches it); `searchReader` runs a whole search on that
 * context's view, one message per shard per search. A context of another index (a recreated one) is missing.
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
  DEFAULT_KEEP_ALIVE_MS,
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

  /** A point in time's reader context on the local copy. */
  openReader(
    index: IndexService,
    shard: IndexShard,
    request: Extract<ShardRequest, { type: 'open_reader_context' }>,
  ): ShardResponse {
    return this.failing(() => {
      const { index: name, uuid, shard: number, keepAlive, indexFilter, now } = request
      index.scheduledRefresh(this.deps.clock.now())
      const node = this.deps.localNodeId()
      if (indexFilter !== null) {
        const body = `{"query":${indexFilter}}`
        const filter = { body, params: [], isCount: true, shardIndex: 0, now }
        const counted = executeShardSearch(index, shard, filter, analyzeForIndexing, now)
        if (counted.type === 'count' && counted.count === 0)
          return { type: 'reader_opened', node, reader: null }
      }
      const target = { index: name, uuid, shard: number }
      const context = this.deps.contexts.put(target, () => shard.acquireSearcher(), keepAlive, null)
      return {
        type: 'reader_opened',
        node,
        reader: { sessionId: this.deps.contexts.sessionId, id: context.id },
      }
    })
  }

  /** A point-in-time search on its reader context's view. */
  searchReader(
    request: ShardTarget & ShardSearchRequest,
    reader: NonNullable<ShardSearchRequest['reader']>,
  ): ShardResponse {
    return this.failing(() => {
      const { contexts } = this.deps
      const context = contexts.find(reader.sessionId, reader.id)
      const { target } = context
      const index = this.deps.indices.get(target.index)
      const sameShard = target.uuid === request.uuid && target.shard === request.shard
      if (!index || index.metadata.uuid !== target.uuid || context.scroll || !sameShard)
        throw searchContextMissing(reader.id)
      contexts.markAsUsed(context, reader.keepAlive)
      const now = this.deps.clock.now()
      const result = executeShardSearch(index, context.searcher, request, analyzeForIndexing, now)
      const live = index.shards.get(target.shard)
      if (live) live.counters.queryTotal++
      return { type: 'search', node: this.deps.localNodeId(), result }
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
          const context = contexts.find(request.sessionId, request.id)
          const index = this.deps.indices.get(context.target.index)
          if (!index || index.metadata.uuid !== context.target.uuid || !context.scroll)
            throw searchContextMissing(request.id)
          try {
            contexts.markAsUsed(context, request.keepAlive ?? DEFAULT_KEEP_ALIVE_MS)
          } catch (error) {
            // A keep alive over the limit frees the scroll's context (SearchService.executeQueryPhase).
            contexts.free(contexts.sessionId, context.id)
            throw error
          }
          return this.page(index, context, request.selfAdvance, true)
        })
      case 'scroll_emitted':
        return this.failing(() => {
          const context = contexts.find(request.sessionId, request.id)
          contexts.markAsUsed(context, null)
          if (context.scroll) context.scroll.emitted += request.emitted
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

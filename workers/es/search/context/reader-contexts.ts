/**
 * ReaderContexts: the reader contexts a data node holds for scrolls and points in time (SearchService's
 * activeReaders). Each holds an acquired searcher of one local shard copy (index/shard/shard-searcher.ts: the view
 * the copy had when the context opened), its keep alive and last access time, and for a scroll the request and how
 * many of its documents the pages took. Ids count from 1 within the node's search session (a random id drawn at
 * start: a restarted node knows none of its old contexts).
 *
 * Expiry runs on the node's scheduler as ES's Reaper does: every `search.keep_alive_interval` (1m) while contexts
 * are open, a context not used for longer than its keep alive is freed. A context whose shard copy closed (index
 * closed or deleted, copy removed) is gone. A lookup of an unknown id, or of another session's, is
 * SearchContextMissingException (404, `No search context found for id [n]`).
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import { base64UrlNoPadding } from '../../../net/base64url.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { AcquiredSearcher } from '../../index/shard/shard-searcher.ts'
import type { ShardTarget } from '../../action/shard-messages.ts'
import type { ShardSearchRequest } from '../shard-search.ts'
import { formatTimeValue } from './time-value-format.ts'

/** search.keep_alive_interval */
const KEEP_ALIVE_INTERVAL_MS = 60_000
/** search.max_keep_alive (a cluster setting in ES; its default here) */
export const MAX_KEEP_ALIVE_MS = 24 * 3_600_000

export interface ScrollState {
  /** The scroll's search request, run again on the context's searcher for every page. */
  request: ShardSearchRequest
  /** How many of the shard's documents, in the search's order, earlier pages returned (ScrollContext.lastEmittedDoc). */
  emitted: number
}

export interface ReaderContext {
  id: number
  target: ShardTarget
  searcher: AcquiredSearcher
  keepAlive: number
  lastAccessTime: number
  scroll: ScrollState | null
}

export class ReaderContexts {
  private readonly active = new Map<number, ReaderContext>()
  private lastId = 0
  private reaper: Cancellable | null = null

  constructor(
    private readonly scheduler: Scheduler,
    readonly sessionId: string,
  ) {}

  /** SearchService.createAndPutReaderContext; the keep alive is checked against search.max_keep_alive first. */
  put(
    target: ShardTarget,
    acquire: () => AcquiredSearcher,
    keepAlive: number,
    scroll: ScrollState | null,
  ): ReaderContext {
    checkKeepAliveLimit(keepAlive)
    const context: ReaderContext = {
      id: ++this.lastId,
      target,
      searcher: acquire(),
      keepAlive,
      lastAccessTime: this.scheduler.now(),
      scroll,
    }
    this.active.set(context.id, context)
    this.reaper ??= this.scheduler.schedule(KEEP_ALIVE_INTERVAL_MS, () => this.reap())
    return context
  }

  /** The open context with this id (marked used now, its keep alive renewed when given), else search_context_missing. */
  find(sessionId: string, id: number, keepAlive: number | null): ReaderContext {
    const context = this.active.get(id)
    if (sessionId !== this.sessionId || !context || !context.searcher.isOpen) {
      if (context && sessionId === this.sessionId) this.active.delete(id)
      throw searchContextMissing(id)
    }
    if (keepAlive !== null) {
      checkKeepAliveLimit(keepAlive)
      context.keepAlive = keepAlive
    }
    context.lastAccessTime = this.scheduler.now()
    return context
  }

  /** SearchService.freeReaderContext: whether an open context was freed. */
  free(sessionId: string, id: number): boolean {
    const context = sessionId === this.sessionId ? this.active.get(id) : undefined
    if (!context) return false
    this.active.delete(id)
    const open = context.searcher.isOpen
    context.searcher.close()
    return open
  }

  /** SearchService.freeAllScrollContexts. */
  freeAllScrolls(): void {
    for (const context of [...this.active.values()]) if (context.scroll) this.free(this.sessionId, context.id)
  }

  private reap(): void {
    this.reaper = null
    const now = this.scheduler.now()
    for (const context of [...this.active.values()]) {
      if (!context.searcher.isOpen || now - context.lastAccessTime > context.keepAlive)
        this.free(this.sessionId, context.id)
    }
    if (this.active.size > 0) this.reaper = this.scheduler.schedule(KEEP_ALIVE_INTERVAL_MS, () => this.reap())
  }
}

/**
 * The node's search session id (SearchService.sessionId, a random UUID in ES): 16 bytes hashed from the node id and
 * its start time, so that drawing it takes nothing from the node's seeded randomness; a restart gets a new one.
 */
export function searchSessionId(nodeId: string, startedAt: number): string {
  const text = `${nodeId}/${startedAt}`
  const bytes = new Uint8Array(16)
  for (let word = 0; word < 4; word++) {
    let hash = 0x811c9dc5 ^ word
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
    for (let b = 0; b < 4; b++) bytes[word * 4 + b] = (hash >>> (8 * b)) & 0xff
  }
  return base64UrlNoPadding(bytes)
}

/** SearchContextMissingException */
export function searchContextMissing(id: number): EsException {
  return new EsException({
    type: 'search_context_missing_exception',
    reason: `No search context found for id [${id}]`,
    status: 404,
  })
}

/** SearchService.checkKeepAliveLimit */
function checkKeepAliveLimit(keepAlive: number): void {
  if (keepAlive <= MAX_KEEP_ALIVE_MS) return
  throw illegalArgumentException(
    `Keep alive for request (${formatTimeValue(keepAlive)}) is too large. It must be less than ` +
      `(${formatTimeValue(MAX_KEEP_ALIVE_MS)}). This limit can be set by changing the [search.max_keep_alive] ` +
      'cluster level setting.',
  )
}

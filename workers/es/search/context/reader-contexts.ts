/**
 * ReaderContexts: the reader contexts a data node holds for scrolls and points in time (SearchService's
 * activeReaders). Each holds an acquired searcher of one local shard copy (index/shard/shard-searcher.ts: the view
 * the copy had when the context opened), its keep alive and last access time, and for a scroll the request and how
 * many of its documents the pages took. Ids count from 1 within the node's search session (a random id drawn at
 * start: a restarted node knows none of its old contexts), and every shard query phase on the node takes one, as
 * SearchService.createAndPutReaderContext does for every search (`nextId`: a plain search's context is freed as
 * soon as its phase ends, so only its id shows, in the gaps between scroll and point-in-time ids).
 *
 * Using a context (`markAsUsed`) keeps the larger of its keep alive and the request's (ReaderContext.tryUpdateKeepAlive),
 * after checking the request's against `search.max_keep_alive`.
 *
 * Expiry runs on the node's scheduler as ES's Reaper does: every `search.keep_alive_interval` (1m) while contexts
 * are open, a context not used for longer than its keep alive is freed. A context whose shard copy closed (index
 * deleted, copy removed) is gone, and `freeAllForIndex` frees every context of an index that is closed, reopened or
 * deleted (SearchService.afterIndexRemoved). A lookup of an unknown id, or of another session's, is
 * SearchContextMissingException (404, `No search context found for id [n]`).
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import { base64UrlNoPadding } from '../../../net/base64url.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { AcquiredSearcher } from '../../index/shard/shard-searcher.ts'
import type { ShardTarget } from '../../action/shard-messages.ts'
import type { ShardSearchRequest } from '../shard-search.ts'
import { humanReadableMillis } from '../../common/time/time-value-text.ts'

/** search.keep_alive_interval */
const KEEP_ALIVE_INTERVAL_MS = 60_000
/** search.max_keep_alive (a cluster setting in ES; its default here) */
export const MAX_KEEP_ALIVE_MS = 24 * 3_600_000
/** search.default_keep_alive: a scroll page without `scroll` keeps its context at least this long. */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000

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
      id: this.nextId(),
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

  /** The id generator's next id: every shard query phase takes one, whether or not it keeps a context. */
  nextId(): number {
    return ++this.lastId
  }

  /** The open context with this id, else search_context_missing. */
  find(sessionId: string, id: number): ReaderContext {
    const context = this.active.get(id)
    if (sessionId !== this.sessionId || !context || !context.searcher.isOpen) {
      if (context && sessionId === this.sessionId) this.active.delete(id)
      throw searchContextMissing(id)
    }
    return context
  }

  /** ReaderContext.markAsUsed: used now, kept at least `keepAlive` (checked against search.max_keep_alive) from now. */
  markAsUsed(context: ReaderContext, keepAlive: number | null): void {
    if (keepAlive !== null) {
      checkKeepAliveLimit(keepAlive)
      context.keepAlive = Math.max(context.keepAlive, keepAlive)
    }
    context.lastAccessTime = this.scheduler.now()
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

  /**
   * The open contexts on this node's copy of a shard (ShardSearchStats' openContexts, counted up by
   * onNewReaderContext and down by onFreeReaderContext): a plain search's context is freed within its phase, so
   * only scroll and point-in-time contexts are ever seen open.
   */
  openOn(uuid: string, shard: number): number {
    let open = 0
    for (const context of this.active.values()) {
      if (context.target.uuid === uuid && context.target.shard === shard && context.searcher.isOpen) open++
    }
    return open
  }

  /** SearchService.freeAllContextForIndex: every context on a copy of the index with this uuid. */
  freeAllForIndex(uuid: string): void {
    for (const context of [...this.active.values()])
      if (context.target.uuid === uuid) this.free(this.sessionId, context.id)
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
    `Keep alive for request (${humanReadableMillis(keepAlive, 1)}) is too large. It must be less than ` +
      `(${humanReadableMillis(MAX_KEEP_ALIVE_MS, 1)}). This limit can be set by changing the [search.max_keep_alive] ` +
      'cluster level setting.',
  )
}

/**
 * Scrolls on the coordinating node (TransportSearchScrollAction, SearchScrollAsyncAction, TransportClearScrollAction):
 * - `executeScroll`: the next page of a scroll id: one `scroll` request to the node of each shard context (the id
 *   names the nodes: search/context/scroll-id.ts), the pages reduced as a search's are, then, for a queryThenFetch
 *   id, each shard told how many of its documents the page took (a queryAndFetch id's single shard advances
 *   itself). An id of another type is IllegalArgumentException `Scroll id type [t] unrecognized`; an id without
 *   contexts (a scroll over no shards) is search_phase_execution_exception `no nodes to search on` (503). A
 *   context whose node left fails with IllegalStateException `node [id] is not available`; an unknown or expired
 *   one with search_context_missing_exception; such shard failures have no shard target (`"shard":-1,
 *   "index":null`). When every shard failed the page is search_phase_execution_exception, whose `caused_by` is the
 *   last shard's failure as its node answered it (a RemoteTransportException, rendered as its cause), absent when
 *   the last was a node not available (the cause then is a shard failure's own exception, which ES drops).
 * - `clearScroll`: frees the contexts the ids name (`num_freed` counts the contexts freed, 404 when none), or with
 *   `_all` every node's scroll contexts (`num_freed` then counts the nodes that answered, as ClearScrollController).
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { parseSearchRequest, type ParsedSearch } from '../search/search-request.ts'
import { parseScrollId, type ReaderIdForNode } from '../search/context/scroll-id.ts'
import { allShardsFailed, type ShardFailure } from '../search/shard-failures.ts'
import type { RestContext } from '../rest/rest-context.ts'
import {
  reduceShardAnswers,
  sendEmitted,
  type DistributedSearchResult,
  type ShardAnswer,
} from './transport-search-action.ts'
import { fromWireException } from '../errors/wire-exception.ts'

export interface ScrollPage {
  result: DistributedSearchResult
  parsed: ParsedSearch
}

export async function executeScroll(
  context: RestContext,
  scrollId: string,
  keepAlive: number | null,
): Promise<ScrollPage> {
  const { type, contexts: readers } = parseScrollId(scrollId)
  if (type !== 'queryAndFetch' && type !== 'queryThenFetch')
    throw illegalArgumentException(`Scroll id type [${type}] unrecognized`)
  if (readers.length === 0) throw noNodesToSearchOn()
  const { nodes } = context.client.cluster.state()
  const selfAdvance = type === 'queryAndFetch'
  const responses = await Promise.all(
    readers.map(({ node, sessionId, id }) => {
      const address = nodes.find((n) => n.id === node)?.address
      if (address === undefined) return Promise.resolve(null)
      return context.client.toNode(address, { type: 'scroll', sessionId, id, keepAlive, selfAdvance })
    }),
  )
  const failures: ShardFailure[] = []
  const answers: ShardAnswer[] = []
  let cause: EsException | null = null
  responses.forEach((response, i) => {
    const index = response?.type === 'search' ? context.indices.get(indexOf(response.result)) : undefined
    if (response?.type === 'search' && index) {
      answers.push({ index, node: response.node, result: response.result, ...readerOf(response.reader) })
      return
    }
    const error = failureOf(response, readers[i]!)
    failures.push(untargetedFailure(error))
    // A node not available fails at once, before any node answers: the last failure is a node's if any is.
    if (response?.type === 'search_failed') cause = error
  })
  if (answers.length === 0) throw allShardsFailed(failures, cause)
  // Every context runs the same request: the first answer's is read for the reduce.
  const { body, params } = responses.flatMap((r) =>
    r?.type === 'search' && r.request ? [r.request] : [],
  )[0] ?? {
    body: null,
    params: [],
  }
  const parsed = parseSearchRequest(body, new Map(params), false, context.analyze, context.clock.now())
  const result = reduceShardAnswers(readers.length, failures, answers, exactTotal(parsed), context)
  if (!selfAdvance) await sendEmitted(context, result)
  return { result, parsed: exactTotal(parsed) }
}

/** ClearScrollController: how many contexts were freed (nodes, for `_all`). */
export async function clearScroll(context: RestContext, scrollIds: readonly string[]): Promise<number> {
  if (scrollIds.length === 1 && scrollIds[0] === '_all') {
    const answers = await context.client.eachNode({ type: 'free_all_scrolls' })
    return answers.length
  }
  const readers = scrollIds.flatMap((id) => parseScrollId(id).contexts)
  const { nodes } = context.client.cluster.state()
  const freed = await Promise.all(
    readers.map(async ({ node, sessionId, id }) => {
      const address = nodes.find((n) => n.id === node)?.address
      if (address === undefined) return false
      const response = await context.client.toNode(address, { type: 'free_context', sessionId, id })
      return response?.type === 'freed' && response.freed
    }),
  )
  return freed.filter(Boolean).length
}

/** A scroll counts its total hits exactly (QueryPhase with a scroll context). */
export function exactTotal(parsed: ParsedSearch): ParsedSearch {
  return { ...parsed, trackTotalHits: Infinity }
}

function indexOf(result: ShardAnswer['result']): string {
  return result.type === 'query' ? result.result.index : ''
}

function readerOf(reader: ShardAnswer['reader']): Pick<ShardAnswer, 'reader'> {
  return reader ? { reader } : {}
}

function failureOf(
  response: Awaited<ReturnType<RestContext['client']['toNode']>>,
  reader: ReaderIdForNode,
): EsException {
  if (response?.type === 'search_failed') return fromWireException(response.error)
  return new EsException({
    type: 'illegal_state_exception',
    reason: `node [${reader.node}] is not available`,
    status: 500,
  })
}

/** SearchScrollAsyncAction.run on an id without contexts. */
function noNodesToSearchOn(): EsException {
  return new EsException({
    type: 'search_phase_execution_exception',
    reason: 'no nodes to search on',
    status: 503,
    metadata: [
      ['phase', 'query'],
      ['grouped', true],
      ['failed_shards', []],
    ],
    rootCausesFrom: [],
  })
}

/** A scroll's shard failure: the coordinating node knows only the node and context, not the shard. */
function untargetedFailure(error: EsException): ShardFailure {
  return { index: null, shard: -1, node: null, error }
}

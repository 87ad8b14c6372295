/**
 * Scrolls on the coordinating node (TransportSearchScrollAction, TransportClearScrollAction):
 * - `scrollKeepAlive`: a search's `?scroll` keep alive, after SearchRequest.validate's scroll checks, all refused
 *   together as action_request_validation_exception (`from`, `size` 0, `rescore`, a disabled `track_total_hits`).
 * - `executeScroll`: the next page of a scroll id: one `scroll` request to the node of each shard context (the id
 *   names the nodes: search/context/scroll-id.ts), the pages reduced as a search's are, then, with several shards,
 *   each told how many of its documents the page took. A context whose node left fails with IllegalStateException
 *   `node [id] is not available`; an unknown or expired one with search_context_missing_exception; such shard
 *   failures have no shard target (`"shard":-1,"index":null`), and when every shard failed the page is
 *   search_phase_execution_exception.
 * - `clearScroll`: frees the contexts the ids name (`num_freed` counts the contexts freed, 404 when none), or with
 *   `_all` every node's scroll contexts (`num_freed` then counts the nodes that answered, as ClearScrollController).
 */
import { EsException, actionRequestValidationException } from '../errors/index.ts'
import { parseTimeValue, timeValueMillis } from '../common/time/index.ts'
import { parseSearchRequest, type ParsedSearch } from '../search/search-request.ts'
import { parseScrollId, type ReaderIdForNode } from '../search/context/scroll-id.ts'
import type { ShardFailure } from '../search/shard-failures.ts'
import type { RestContext } from '../rest/rest-context.ts'
import {
  reduceShardAnswers,
  sendEmitted,
  type DistributedSearchResult,
  type ShardAnswer,
} from './transport-search-action.ts'
import { fromWireException } from '../errors/wire-exception.ts'

/** The `scroll` parameter's keep alive in ms (null without one), once the request may scroll. */
export function scrollKeepAlive(params: ReadonlyMap<string, string>, parsed: ParsedSearch): number | null {
  const scroll = params.get('scroll')
  if (scroll === undefined) return null
  const keepAlive = timeValueMillis(parseTimeValue(scroll, 'scroll'))
  const { from, size, rescore } = parsed.request
  const errors: string[] = []
  if (parsed.trackTotalHitsLimited)
    errors.push('disabling [track_total_hits] is not allowed in a scroll context')
  if (from > 0) errors.push('using [from] is not allowed in a scroll context')
  if (size === 0) errors.push('[size] cannot be [0] in a scroll context')
  if (rescore.length > 0) errors.push('using [rescore] is not allowed in a scroll context')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  return keepAlive
}

export interface ScrollPage {
  result: DistributedSearchResult
  parsed: ParsedSearch
}

export async function executeScroll(
  context: RestContext,
  scrollId: string,
  keepAlive: number | null,
): Promise<ScrollPage> {
  const readers = parseScrollId(scrollId)
  const { nodes } = context.client.cluster.state()
  const selfAdvance = readers.length === 1
  const responses = await Promise.all(
    readers.map(({ node, sessionId, id }) => {
      const address = nodes.find((n) => n.id === node)?.address
      if (address === undefined) return Promise.resolve(null)
      return context.client.toNode(address, { type: 'scroll', sessionId, id, keepAlive, selfAdvance })
    }),
  )
  const failures: ShardFailure[] = []
  const answers: ShardAnswer[] = []
  responses.forEach((response, i) => {
    const index = response?.type === 'search' ? context.indices.get(indexOf(response.result)) : undefined
    if (response?.type === 'search' && index) {
      answers.push({ index, node: response.node, result: response.result, ...readerOf(response.reader) })
    } else failures.push(untargetedFailure(failureOf(response, readers[i]!)))
  })
  // Every context runs the same request: the first answer's is read for the reduce.
  const { body, params } = responses.flatMap((r) =>
    r?.type === 'search' && r.request ? [r.request] : [],
  )[0] ?? {
    body: null,
    params: [],
  }
  const parsed = parseSearchRequest(body, new Map(params), false, context.analyze, context.clock.now())
  const result = reduceShardAnswers(readers.length, failures, answers, exactTotal(parsed))
  if (readers.length > 1) await sendEmitted(context, result)
  return { result, parsed: exactTotal(parsed) }
}

/** ClearScrollController: how many contexts were freed (nodes, for `_all`). */
export async function clearScroll(context: RestContext, scrollIds: readonly string[]): Promise<number> {
  if (scrollIds.length === 1 && scrollIds[0] === '_all') {
    const answers = await context.client.eachNode({ type: 'free_all_scrolls' })
    return answers.length
  }
  const readers = scrollIds.flatMap((id) => parseScrollId(id))
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

/** A scroll's shard failure: the coordinating node knows only the node and context, not the shard. */
function untargetedFailure(error: EsException): ShardFailure {
  return { index: null, shard: -1, node: null, error }
}

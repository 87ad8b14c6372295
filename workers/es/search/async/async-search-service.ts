/**
 * The async search actions of one node (ES 8.17 x-pack async-search): TransportSubmitAsyncSearchAction with its
 * AsyncSearchTask, AsyncResultsService (GET), TransportGetAsyncStatusAction and DeleteAsyncResultsService.
 *
 * A submitted search runs as a task of this node (`indices:data/read/search`, cancellable) whose number, with a random
 * document id, makes its AsyncExecutionId. The submit waits up to `wait_for_completion_timeout` on the node's clock:
 * - done in time and not `keep_on_completion`: the task ends and the answer has no `id`;
 * - done in time and kept: the result is stored in `.async-search` before the answer, which has the `id`;
 * - still running: its partial state is stored, the answer has the `id`, and the final result replaces the document
 *   when the search ends (unless it was cancelled meanwhile); the task ends then.
 * While it runs, its answers show the partial response its MutableSearchResponse builds from the search's progress.
 * The result expires at the task's start + `keep_alive`; a GET with `keep_alive` moves that to now + keep_alive. A
 * running search found expired (at a progress event, or when its response is read) is cancelled ("async search has
 * expired", AsyncSearchTask.checkCancellation); a search cancelled by then stores nothing: its document is deleted
 * when it ends. A cancelled search's id is read from the index (AsyncResultsService).
 * A failed search is `error`: ElasticsearchStatusException "error while executing search" (status_exception, the
 * failure's status) caused by the failure, `is_partial` true, with the partial response once the shards were listed.
 * Invariant: a search is in `running` exactly while its task is registered.
 */
import { EsException, exceptionFields } from '../../errors/index.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import type { RestContext } from '../../rest/rest-context.ts'
import type { RunningTask } from '../../tasks/task-manager.ts'
import { encodeAsyncExecutionId, type AsyncExecutionId } from './async-execution-id.ts'
import type { AsyncSearchResult } from './async-search-response.ts'
import { MutableSearchResponse, type PrintedSearchResponse } from './mutable-search-response.ts'
import type { ParsedSearch } from '../search-request.ts'
import type { SearchProgressListener } from '../../action/search-progress-listener.ts'
import {
  deleteResponse,
  getResponse,
  storeResponse,
  updateExpirationTime,
} from './async-task-index-service.ts'

/** What one search produced: its response printed both ways, or a failure. */
export type SearchOutcome = { response: PrintedSearchResponse } | { failure: EsException }

export interface AsyncSearchRequest {
  description: string
  waitForCompletionMillis: number
  keepAliveMillis: number
  keepOnCompletion: boolean
  /** How the partial responses count hits (the search's track_total_hits and rest_total_hits_as_int). */
  hitsView: Pick<ParsedSearch, 'trackTotalHits' | 'totalHitsAsInt'>
  /** Runs the search, telling `progress` how it goes. */
  run: (progress: SearchProgressListener) => Promise<SearchOutcome>
}

interface AsyncSearchTask {
  id: AsyncExecutionId
  task: RunningTask
  expirationMillis: number
  progress: MutableSearchResponse
  final: AsyncSearchResult | null
  done: Promise<void>
}

/** A result with its id and expiration, as the REST layer prints it. */
export interface AsyncSearchAnswer {
  id: string | null
  result: AsyncSearchResult
  expirationMillis: number
}

/** The `error` of a failed search, its status and partial response (AsyncSearchTask.Listener.onFailure). */
function failedResult(
  startMillis: number,
  failure: EsException,
  response: PrintedSearchResponse | null,
): AsyncSearchResult {
  const wrapped = new EsException({
    type: 'status_exception',
    reason: 'error while executing search',
    status: failure.status,
    causedBy: failure,
  })
  const error = exceptionFields(wrapped)
  return { isPartial: true, isRunning: false, startMillis, response, error, status: failure.status }
}

export class AsyncSearchService {
  private readonly running = new Map<number, AsyncSearchTask>()

  constructor(private readonly context: RestContext) {}

  async submit(request: AsyncSearchRequest): Promise<AsyncSearchAnswer> {
    const { context } = this
    const startMillis = context.clock.now()
    const task = context.tasks.register({
      action: 'indices:data/read/search',
      description: request.description,
      startMillis,
      status: () => null,
    })
    const id = encodeAsyncExecutionId(context.newUuid(), `${context.identity.nodeId}:${task.id}`)
    const search: AsyncSearchTask = {
      id,
      task,
      expirationMillis: startMillis + request.keepAliveMillis,
      progress: new MutableSearchResponse(request.hitsView, () => this.checkCancellation(search)),
      final: null,
      done: Promise.resolve(),
    }
    search.done = request.run(search.progress).then((outcome) => {
      const took = context.clock.now() - startMillis
      search.final =
        'failure' in outcome
          ? failedResult(startMillis, outcome.failure, search.progress.response(took))
          : {
              isPartial: false,
              isRunning: false,
              startMillis,
              response: outcome.response,
              error: null,
              status: 200,
            }
    })
    this.running.set(task.id, search)
    await this.waitFor(search, request.waitForCompletionMillis)
    if (search.final !== null && !request.keepOnCompletion) {
      this.end(search)
      return { id: null, result: search.final, expirationMillis: search.expirationMillis }
    }
    const now = this.resultOf(search)
    try {
      await storeResponse(context, id, now, search.expirationMillis, false)
    } catch (error) {
      this.end(search)
      throw error
    }
    if (search.final !== null) this.end(search)
    else void search.done.then(() => this.storeFinal(search)).catch(() => this.end(search))
    return { id: id.encoded, result: now, expirationMillis: search.expirationMillis }
  }

  /** AsyncResultsService.retrieveResult. */
  async get(
    id: AsyncExecutionId,
    keepAliveMillis: number | null,
    waitMillis: number,
  ): Promise<AsyncSearchAnswer> {
    const now = this.context.clock.now()
    const expiration = keepAliveMillis !== null && keepAliveMillis > 0 ? now + keepAliveMillis : null
    if (expiration !== null) await updateExpirationTime(this.context, id, expiration)
    const search = this.task(id, false)
    if (search !== null) {
      if (expiration !== null) search.expirationMillis = expiration
      await this.waitFor(search, waitMillis)
      return this.unexpired(id, now, {
        id: id.encoded,
        result: this.resultOf(search),
        expirationMillis: search.expirationMillis,
      })
    }
    const stored = await getResponse(this.context, id)
    return this.unexpired(id, now, { id: id.encoded, ...stored })
  }

  /** AsyncTaskIndexService.retrieveStatus. */
  async status(id: AsyncExecutionId): Promise<AsyncSearchAnswer> {
    const now = this.context.clock.now()
    const search = this.task(id)
    const answer =
      search !== null
        ? { id: id.encoded, result: this.resultOf(search), expirationMillis: search.expirationMillis }
        : { id: id.encoded, ...(await getResponse(this.context, id)) }
    return this.unexpired(id, now, answer)
  }

  /** DeleteAsyncResultsService.deleteResponse: a running search is cancelled ("cancelled by user") first. */
  async delete(id: AsyncExecutionId): Promise<void> {
    const search = this.task(id)
    if (search !== null) {
      search.task.cancelled ??= 'cancelled by user'
      await deleteResponse(this.context, id).catch(() => false)
      return
    }
    if (!(await deleteResponse(this.context, id))) throw resourceNotFoundException(id.encoded)
  }

  private unexpired(id: AsyncExecutionId, now: number, answer: AsyncSearchAnswer): AsyncSearchAnswer {
    if (answer.expirationMillis < now) throw resourceNotFoundException(id.encoded)
    return answer
  }

  /**
   * AsyncTaskIndexService.getTask: the running search of this node with this very id; a cancelled one only when
   * `cancelled` (AsyncResultsService reads a cancelled search's id from the index).
   */
  private task(id: AsyncExecutionId, cancelled = true): AsyncSearchTask | null {
    const [node, number] = id.taskId.split(':')
    if (node !== this.context.identity.nodeId) return null
    const search = this.running.get(Number(number))
    if (search === undefined || search.id.docId !== id.docId) return null
    return cancelled || search.task.cancelled === null ? search : null
  }

  /** AsyncSearchTask.checkCancellation: a running search past its expiration time is cancelled. */
  private checkCancellation(search: AsyncSearchTask): void {
    if (search.final === null && search.expirationMillis < this.context.clock.now())
      search.task.cancelled ??= 'async search has expired'
  }

  /** AsyncSearchTask.getResponse: the final result, or the partial one now. */
  private resultOf(search: AsyncSearchTask): AsyncSearchResult {
    this.checkCancellation(search)
    if (search.final !== null) return search.final
    const startMillis = search.task.startMillis
    const response = search.progress.response(this.context.clock.now() - startMillis)
    return { isPartial: true, isRunning: true, startMillis, response, error: null, status: 200 }
  }

  private async waitFor(search: AsyncSearchTask, millis: number): Promise<void> {
    if (search.final !== null || millis <= 0) return
    await Promise.race([search.done, this.context.clock.sleep(millis)])
  }

  /** onFinalResponse: the final result replaces the document, or a cancelled search's document is deleted. */
  private async storeFinal(search: AsyncSearchTask): Promise<void> {
    try {
      if (search.task.cancelled === null) {
        await storeResponse(this.context, search.id, search.final!, search.expirationMillis, true)
      } else await deleteResponse(this.context, search.id).catch(() => false)
    } finally {
      this.end(search)
    }
  }

  private end(search: AsyncSearchTask): void {
    this.running.delete(search.task.id)
    this.context.tasks.unregister(search.task)
  }
}

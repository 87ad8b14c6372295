/**
 * A fetch sub-phase's failure on the shard. The shard answers its query phase with its best documents already
 * fetched (shard-search.ts), but in ES the fetch phase runs later, for the documents the coordinating node took:
 * FetchPhase.getProcessors (FetchDocValuesPhase asking a text field for its fielddata, HighlightPhase an unknown
 * highlighter type, say) or a processor on one hit (ExplainPhase, HighlightPhase past max_analyzed_offset,
 * InnerHitsPhase's own search) throws a FetchPhaseExecutionException, a wrapper whose cause is what the shard
 * failure shows. So each document's failure travels with the query result (the first in FetchPhase's sub-phase
 * order: explain, docvalue_fields, script_fields, fields, highlight, inner hits), and the coordinating node makes
 * it a shard failure of the fetch phase only when the page takes that document (action/transport-search-action.ts):
 * of the documents taken, the one with the lowest doc id fails first, as FetchPhaseDocsIterator walks them in doc
 * id order. A sub-phase run for all the documents at once fails every one of them.
 */
import { EsException } from '../../errors/index.ts'
import { toWireException, type WireException } from '../../errors/wire-exception.ts'

export type FetchOutcome<T> = { value: T; failure: null } | { value: null; failure: WireException }

/** Runs a fetch sub-phase: its value, or the EsException it threw as data. */
export function runFetchSubPhase<T>(run: () => T): FetchOutcome<T> {
  try {
    return { value: run(), failure: null }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    return { value: null, failure: toWireException(error) }
  }
}

/** A sub-phase's outcome: one for every document, or one for all of them. */
export type SubPhaseOutcome =
  { perDocument: ReadonlyArray<FetchOutcome<unknown>> } | { allDocuments: FetchOutcome<unknown> }

/**
 * Each of `count` documents' first failure over `outcomes` (in FetchPhase's sub-phase order), or null when none
 * failed anywhere.
 */
export function documentFailures(
  count: number,
  outcomes: readonly SubPhaseOutcome[],
): Array<WireException | null> | null {
  // Most searches fail nowhere: no list is made until a failure is found.
  let failures: Array<WireException | null> | null = null
  for (let i = 0; i < count; i++) {
    for (const outcome of outcomes) {
      const { failure } = 'perDocument' in outcome ? outcome.perDocument[i]! : outcome.allDocuments
      if (failure === null) continue
      failures ??= new Array<WireException | null>(count).fill(null)
      failures[i] = failure
      break
    }
  }
  return failures
}

/**
 * The failure of a fetch of the documents at `positions` (of `docIds`, with `failures` in the same order): the one
 * of the lowest doc id among those that failed, or null.
 */
export function fetchFailure(
  docIds: readonly number[],
  failures: ReadonlyArray<WireException | null>,
  positions: readonly number[],
): WireException | null {
  const failed = positions.filter((position) => failures[position] !== null)
  if (failed.length === 0) return null
  const first = failed.reduce((a, b) => (docIds[b]! < docIds[a]! ? b : a))
  return failures[first]!
}

/**
 * A fetch sub-phase's failure on the shard. The shard answers its query phase with its best documents already
 * fetched (shard-search.ts), but in ES the fetch phase runs later, for the documents the coordinating node took:
 * FetchPhase.getProcessors (FetchDocValuesPhase asking a text field for its fielddata, say) throws a
 * FetchPhaseExecutionException, a wrapper whose cause is what the shard failure shows. So the failure travels
 * with the query result, and the coordinating node makes it a shard failure of the fetch phase only when the
 * shard has hits on the page (action/transport-search-action.ts).
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

/** Suggest.reduce's IllegalStateExceptions, shared by the suggesters' reductions. */
import { illegalStateException, type EsException } from '../../errors/index.ts'

/** Suggest.reduce's IllegalStateException when shards analyzed the text differently (several indices). */
export function cannotMerge(what: string, actual: string | number, expected: string | number): EsException {
  return illegalStateException(
    `Can't merge suggest ${what}, this might be caused by suggest calls across multiple indices with different ` +
      `analysis chains. Suggest entries have different ${what === 'result' ? 'sizes' : 'text'} actual [${actual}] ` +
      `expected [${expected}]`,
  )
}

/**
 * The exceptions Elasticsearch 8.17 throws while a function_score scores (the engine reports them as a
 * FunctionScoreError, see engine-wasm/src/index/score-error.ts), with their texts and statuses:
 * - FieldValueFactorFunction without `missing` on a document without a value: ElasticsearchException
 *   `Missing value for field [f]` (type `exception`, 500);
 * - its modifier giving a negative value: IllegalArgumentException `field value function must not produce
 *   negative scores, but got: [<result>] for field value: [<value>]` (Double.toString), with a hint for `ln` and
 *   `log` (400);
 * - FunctionFactorScorer's combined score negative or NaN: ElasticsearchException `function score query returned
 *   an invalid score: <score> for doc: <leaf doc id>` (Float.toString; `exception`, 500).
 * A search's shards fail with them (shard-failures.ts renders ES's search_phase_execution_exception).
 */
import {
  FunctionScoreError,
  TooManyIntervalTermsError,
  TooManySpanClausesError,
  type FunctionScoreFailure,
} from '../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { javaDoubleToString, javaFloatToString } from '../xcontent/index.ts'

const NEGATIVE_HINTS: Partial<Record<string, string>> = {
  ln: '; consider using ln1p or ln2p instead of ln to avoid negative scores',
  log: '; consider using log1p or log2p instead of log to avoid negative scores',
}

export function functionScoreException(failure: FunctionScoreFailure): EsException {
  switch (failure.kind) {
    case 'missingValue':
      return new EsException({
        type: 'exception',
        reason: `Missing value for field [${failure.field}]`,
        status: 500,
      })
    case 'negativeFactor':
      return illegalArgumentException(
        'field value function must not produce negative scores, but got: ' +
          `[${javaDoubleToString(failure.result)}] for field value: [${javaDoubleToString(failure.value)}]` +
          (NEGATIVE_HINTS[failure.modifier] ?? ''),
      )
    case 'invalidScore':
      return new EsException({
        type: 'exception',
        reason: `function score query returned an invalid score: ${javaFloatToString(failure.score)} for doc: ${failure.doc}`,
        status: 500,
      })
  }
}

/**
 * Runs `scoring`, turning a function_score's scoring error into Elasticsearch's exception, a span_multi's
 * expansion beyond the max clause count into the RuntimeException SpanBooleanQueryRewriteWithMaxClause throws, and
 * an intervals multi-term source's into MultiTermIntervalsSource's IllegalStateException.
 */
export function raisingScoreErrors<T>(scoring: () => T): T {
  try {
    return scoring()
  } catch (error) {
    if (error instanceof FunctionScoreError) throw functionScoreException(error.failure)
    if (error instanceof TooManySpanClausesError) {
      throw new EsException({ type: 'runtime_exception', reason: error.message, status: 500 })
    }
    if (error instanceof TooManyIntervalTermsError) {
      throw new EsException({ type: 'illegal_state_exception', reason: error.message, status: 500 })
    }
    throw error
  }
}

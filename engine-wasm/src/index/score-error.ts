/**
 * A function_score's error while scoring (Elasticsearch's FieldValueFactorFunction and FunctionFactorScorer
 * exceptions): index.wasm records the first one a search raised, InvertedIndex.search reads it through the
 * `scoreError` export (record format in engine-wasm/assembly/index/score-error.ts) and throws it as a
 * FunctionScoreError; the Elasticsearch layer turns it into ES's exception. `doc` is the segment-local doc id.
 */
import type { FieldValueModifier } from './types.ts'
import { MODIFIERS } from './query-program.ts'

export type FunctionScoreFailure =
  | { kind: 'missingValue'; field: string }
  | { kind: 'negativeFactor'; field: string; modifier: FieldValueModifier; result: number; value: number }
  | { kind: 'invalidScore'; score: number; doc: number }

export class FunctionScoreError extends Error {
  constructor(readonly failure: FunctionScoreFailure) {
    super(`function_score failed while scoring: ${failure.kind}`)
    this.name = 'FunctionScoreError'
  }
}

const decoder = new TextDecoder()

/** The record at `view`'s start. */
export function readScoreError(view: DataView): FunctionScoreFailure {
  const kind = view.getUint32(0, true)
  const length = view.getUint32(12, true)
  const field = decoder.decode(new Uint8Array(view.buffer, view.byteOffset + 32, length))
  if (kind === 1) return { kind: 'missingValue', field }
  if (kind === 2) {
    const modifier = MODIFIERS[view.getUint32(4, true)]!
    return {
      kind: 'negativeFactor',
      field,
      modifier,
      result: view.getFloat64(16, true),
      value: view.getFloat64(24, true),
    }
  }
  return { kind: 'invalidScore', score: view.getFloat64(16, true), doc: view.getInt32(8, true) }
}

// ScoreError: the first error a function_score raised while scoring the current search (Elasticsearch throws at the
// first; the engine records it here and the TypeScript wrapper throws it once `search` returns). searchContext()
// clears it at the start of every search, explain, dfs and count; explain records none. While a bool's first pass
// defers errors (deferScoreErrors), a raised error is only noted, so that the bool can ask again for exactly the
// documents its scorers reach (boolean-query.ts). Its record, written by `write` (released by the
// caller): u32 kind, u32 modifier, i32 doc (segment-local, as Lucene's leaf doc id), u32 field byte length,
// f64 result, f64 value, then the field name's UTF-8 bytes. Kinds:
//   1 MISSING_VALUE   a field_value_factor without `missing` on a document without a value (field)
//   2 NEGATIVE_FACTOR a field_value_factor whose modifier gave a negative result (field, modifier, result, value)
//   3 INVALID_SCORE   the combined score is negative or NaN (result as a float, doc)
export const MISSING_VALUE: u32 = 1
export const NEGATIVE_FACTOR: u32 = 2
export const INVALID_SCORE: u32 = 3

export class ScoreError {
  constructor(
    readonly kind: u32,
    readonly field: string,
    readonly modifier: u32,
    readonly result: f64,
    readonly value: f64,
    readonly doc: i32,
  ) {}

  write(): usize {
    const field = String.UTF8.encode(this.field)
    const length = <usize>field.byteLength
    const out = heap.alloc(32 + length)
    store<u32>(out, this.kind)
    store<u32>(out, this.modifier, 4)
    store<i32>(out, this.doc, 8)
    store<u32>(out, <u32>length, 12)
    store<f64>(out, this.result, 16)
    store<f64>(out, this.value, 24)
    memory.copy(out + 32, changetype<usize>(field), length)
    return out
  }
}

let pending: ScoreError | null = null
/** Inside a bool's first pass (see boolean-query.ts): errors are not recorded, only noted in `deferred`. */
let deferring = false
let deferred = false
/** How many errors were raised (recorded, noted or dropped as not the first) since the last clear. */
let raised: u32 = 0

/**
 * Records an error unless one is recorded already (the first one is the one Elasticsearch throws); while errors are
 * deferred, only notes that one would have been.
 */
export function raiseScoreError(error: ScoreError): void {
  raised++
  if (deferring) deferred = true
  else if (pending == null) pending = error
}

export function clearScoreError(): void {
  pending = null
  deferring = false
  deferred = false
  raised = 0
}

export function pendingScoreError(): ScoreError | null {
  return pending
}

/** The number of errors raised so far: a scorer compares two readings to tell whether a document failed. */
export function scoreErrorsRaised(): u32 {
  return raised
}

/** Starts deferring errors; false (nothing changed) when they are deferred already. */
export function deferScoreErrors(): bool {
  if (deferring) return false
  deferring = true
  deferred = false
  return true
}

/** Stops deferring errors; answers whether one was raised meanwhile. */
export function endDeferredScoreErrors(): bool {
  const any = deferred
  deferring = false
  deferred = false
  return any
}

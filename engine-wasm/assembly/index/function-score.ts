// FUNCTION_SCORE (op 14): Elasticsearch 8's FunctionScoreQuery over the matches of its query, with its
// ScoreFunctions (WeightFactorFunction, FieldValueFactorFunction, the decay functions' NumericFieldDataScoreFunction)
// combined by score_mode (FunctionFactorScorer.computeScore, in double) and boost_mode (CombineFunction.combine,
// cast to float), then MinScoreScorer's `score >= min_score`.
// Program operands after the op code (written by engine-wasm/src/index/query-program.ts):
//   f32 boost, u32 scoreMode (multiply, sum, avg, first, max, min), u32 boostMode (multiply, replace, sum, avg,
//   max, min), f32 maxBoost, u32 hasMinScore, f32 minScore, i32 n, n x function, the query, then the filter of
//   each function that has one, in function order.
//   function: u32 hasFilter, u32 hasWeight, f32 weight, u32 kind, then by kind
//     0 weight: nothing
//     1 field_value_factor: string field, f32 factor, u32 modifier (none, log, log1p, log2p, ln, ln1p, ln2p,
//       square, sqrt, reciprocal), u32 hasMissing, f64 missing
//     2 decay: string field, u32 shape (gauss, exp, linear), f64 origin, f64 scale (already processScale'd),
//       f64 offset, u32 multiValueMode (min, max, avg, sum)
//     3 random (RandomScoreFunction): i32 saltedSeed, u32 hasHashes, then with hashes i32 n, n x i32 global docId
//       (ascending), n x i32 hash: a listed document's hash, an unlisted one's the salted seed (no value);
//       without hashes BitMixer.mix32((docBase + docId) ^ saltedSeed). The value is the hash's low 24 bits / 2^24.
// The boost goes to the query's weight (createWeight passes it down), not to the combined score. Filters are
// weighed without scores. With a trace, each function's record (applied, value before weight, the field's doc
// values) is added to this node (see explain-trace.ts).
// Errors (score-error.ts), raised where Lucene would call the scorer (a scoring clause, or any clause with a
// min_score; only for the documents the enclosing scorers ask about, ctx.accepts, see boolean-query.ts) and not
// while explaining: FieldValueFactorFunction's missing value without `missing` and negative modified value, then
// FunctionFactorScorer's check of the combined score (negative or NaN). A document that raised one matches whatever
// its min_score.
import { ByteReader } from './byte-reader'
import { NumericDocValues } from './doc-values'
import { DocScores } from './doc-scores'
import { evaluate } from './query'
import {
  INVALID_SCORE,
  MISSING_VALUE,
  NEGATIVE_FACTOR,
  raiseScoreError,
  ScoreError,
  scoreErrorsRaised,
} from './score-error'
import { SearchContext } from './search-context'

// score modes, in program order (MULTIPLY is also CombineFunction's)
const MULTIPLY: u32 = 0
const SUM: u32 = 1
const AVG: u32 = 2
const FIRST: u32 = 3
const MAX: u32 = 4
const MIN: u32 = 5
// boost modes (CombineFunction), in program order
const REPLACE: u32 = 1
const COMBINE_SUM: u32 = 2
const COMBINE_AVG: u32 = 3
const COMBINE_MAX: u32 = 4

class ScoreFunction {
  hasFilter: bool = false
  weight: f32 = 1
  hasWeight: bool = false
  kind: u32 = 0
  field: string = ''
  factor: f32 = 1
  modifier: u32 = 0
  hasMissing: bool = false
  missing: f64 = 0
  shape: u32 = 0
  origin: f64 = 0
  scale: f64 = 0
  offset: f64 = 0
  mode: u32 = 0
  values: NumericDocValues | null = null
  filter: DocScores | null = null
  saltedSeed: i32 = 0
  /** The segment's first doc id: RandomScoreFunction hashes and looks up global doc ids (ctx.docBase + doc). */
  docBase: i32 = 0
  hashDocs: StaticArray<i32> | null = null
  hashes: StaticArray<i32> | null = null

  /**
   * The function's value for the document (before its weight), as its LeafScoreFunction.score returns it; with
   * `raising`, a field_value_factor's errors are recorded (the value is then NaN or the negative result).
   */
  score(docId: i32, raising: bool = false): f64 {
    if (this.kind == 0) return 1.0
    if (this.kind == 3) return randomValue(this.randomHash(docId))
    const values = this.values
    const entry = values != null ? values.entryOf(docId) : -1
    if (this.kind == 1) {
      let value: f64 = this.missing
      if (values != null && entry >= 0) value = values.values[values.start(entry)]
      else if (!this.hasMissing) {
        if (raising) raiseScoreError(new ScoreError(MISSING_VALUE, this.field, this.modifier, 0, 0, docId))
        return NaN
      }
      const result = modify(this.modifier, value * <f64>this.factor)
      if (raising && result < 0) {
        raiseScoreError(new ScoreError(NEGATIVE_FACTOR, this.field, this.modifier, result, value, docId))
      }
      return result
    }
    let distance: f64 = 0
    if (values != null && entry >= 0) distance = this.distance(values, entry)
    return decay(this.shape, distance, this.scale)
  }

  /**
   * The multi_value_mode's pick of max(0, |value - origin| - offset) over the document's values, sorted first as
   * SortingNumericDoubleValues sorts them (so avg and sum add them in ascending order).
   */
  private distance(values: NumericDocValues, entry: i32): f64 {
    const distances = new Array<f64>()
    for (let v = values.start(entry); v < values.start(entry + 1); v++) {
      distances.push(Math.max(0.0, Math.abs(values.values[v] - this.origin) - this.offset))
    }
    distances.sort()
    if (this.mode == 0) return distances[0]
    if (this.mode == 1) return distances[distances.length - 1]
    let sum: f64 = 0
    for (let i = 0; i < distances.length; i++) sum += distances[i]
    return this.mode == 2 ? sum / <f64>distances.length : sum
  }

  /**
   * RandomScoreFunction's hash of the document (a segment's doc id): its value's (given by global doc id), else its
   * global doc id mixed with the seed.
   */
  private randomHash(segmentDocId: i32): i32 {
    const docId = this.docBase + segmentDocId
    const docs = this.hashDocs
    const hashes = this.hashes
    if (docs == null || hashes == null) return mix32(docId ^ this.saltedSeed)
    let low = 0
    let high = docs.length - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const at = docs[mid]
      if (at == docId) return hashes[mid]
      if (at < docId) low = mid + 1
      else high = mid - 1
    }
    return this.saltedSeed
  }

  applies(docId: i32): bool {
    const filter = this.filter
    return filter == null || filter.entryOf(docId) >= 0
  }
}

/** FieldValueFactorFunction.Modifier.apply. */
function modify(modifier: u32, n: f64): f64 {
  if (modifier == 1) return Math.log10(n)
  if (modifier == 2) return Math.log10(n + 1)
  if (modifier == 3) return Math.log10(n + 2)
  if (modifier == 4) return Math.log(n)
  if (modifier == 5) return Math.log1p(n)
  if (modifier == 6) return Math.log1p(n + 1)
  if (modifier == 7) return Math.pow(n, 2)
  if (modifier == 8) return Math.sqrt(n)
  if (modifier == 9) return 1.0 / n
  return n
}

/** BitMixer.mix32 (MurmurHash3's 32-bit finalizer). */
function mix32(key: i32): i32 {
  let k = key
  k = (k ^ (k >>> 16)) * 0x85ebca6b
  k = (k ^ (k >>> 13)) * 0xc2b2ae35
  return k ^ (k >>> 16)
}

/** RandomScoreFunction.score: `(hash & 0x00FFFFFF) / (float) (1 << 24)`. */
function randomValue(hash: i32): f64 {
  return <f64>(<f32>(hash & 0x00ffffff) / <f32>16777216)
}

/** DecayFunction.evaluate of the gauss, exp and linear decay function builders. */
function decay(shape: u32, value: f64, scale: f64): f64 {
  if (shape == 0) return Math.exp((0.5 * Math.pow(value, 2.0)) / scale)
  if (shape == 1) return Math.exp(scale * value)
  return Math.max(0.0, (scale - value) / scale)
}

function readFunction(ctx: SearchContext, reader: ByteReader): ScoreFunction {
  const fn = new ScoreFunction()
  fn.hasFilter = reader.u32() == 1
  fn.hasWeight = reader.u32() == 1
  fn.weight = reader.f32()
  fn.kind = reader.u32()
  if (fn.kind == 0) return fn
  if (fn.kind == 3) {
    fn.saltedSeed = reader.i32()
    fn.docBase = ctx.segment.docBase
    if (reader.u32() == 1) {
      const n = reader.i32()
      const docs = new StaticArray<i32>(n)
      const hashes = new StaticArray<i32>(n)
      for (let i = 0; i < n; i++) docs[i] = reader.i32()
      for (let i = 0; i < n; i++) hashes[i] = reader.i32()
      fn.hashDocs = docs
      fn.hashes = hashes
    }
    return fn
  }
  fn.field = reader.string()
  const field = ctx.field(fn.field)
  fn.values = field != null ? field.docValues : null
  if (fn.kind == 1) {
    fn.factor = reader.f32()
    fn.modifier = reader.u32()
    fn.hasMissing = reader.u32() == 1
    fn.missing = reader.f64()
    return fn
  }
  fn.shape = reader.u32()
  fn.origin = reader.f64()
  fn.scale = reader.f64()
  fn.offset = reader.f64()
  fn.mode = reader.u32()
  return fn
}

/** WeightFactorFunction: the function's value times its weight (a double times a float). */
function weighted(fn: ScoreFunction, docId: i32, raising: bool): f64 {
  const value = fn.score(docId, raising)
  return fn.hasWeight ? value * <f64>fn.weight : value
}

/** FunctionFactorScorer.computeScore. */
function computeScore(functions: Array<ScoreFunction>, scoreMode: u32, docId: i32, raising: bool): f64 {
  let factor: f64 = 1
  if (scoreMode == FIRST) {
    for (let i = 0; i < functions.length; i++)
      if (functions[i].applies(docId)) return weighted(functions[i], docId, raising)
    return factor
  }
  if (scoreMode == MAX || scoreMode == MIN) {
    let best: f64 = scoreMode == MAX ? -Infinity : Infinity
    for (let i = 0; i < functions.length; i++) {
      if (!functions[i].applies(docId)) continue
      const value = weighted(functions[i], docId, raising)
      best = scoreMode == MAX ? Math.max(value, best) : Math.min(value, best)
    }
    return best == (scoreMode == MAX ? -Infinity : Infinity) ? factor : best
  }
  if (scoreMode == MULTIPLY) {
    for (let i = 0; i < functions.length; i++)
      if (functions[i].applies(docId)) factor *= weighted(functions[i], docId, raising)
    return factor
  }
  let total: f64 = 0
  let weightSum: f64 = 0
  for (let i = 0; i < functions.length; i++) {
    if (!functions[i].applies(docId)) continue
    total += weighted(functions[i], docId, raising)
    weightSum += <f64>functions[i].weight
  }
  if (weightSum == 0) return factor
  return scoreMode == AVG ? total / weightSum : total
}

/** CombineFunction.combine: the query's score with the functions' factor, capped by maxBoost. */
function combine(boostMode: u32, queryScore: f64, funcScore: f64, maxBoost: f64): f32 {
  const capped = Math.min(funcScore, maxBoost)
  if (boostMode == MULTIPLY) return <f32>(queryScore * capped)
  if (boostMode == REPLACE) return <f32>capped
  if (boostMode == COMBINE_SUM) return <f32>(queryScore + capped)
  if (boostMode == COMBINE_AVG) return <f32>((capped + queryScore) / 2.0)
  if (boostMode == COMBINE_MAX) return <f32>Math.max(queryScore, capped)
  return <f32>Math.min(queryScore, capped)
}

export function functionScoreQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const trace = ctx.trace
  const node = trace != null ? trace.currentNode : -1
  const boost = reader.f32() * parentBoost
  const scoreMode = reader.u32()
  const boostMode = reader.u32()
  const maxBoost = <f64>reader.f32()
  const hasMinScore = reader.u32() == 1
  const minScore = reader.f32()
  const n = reader.i32()
  const functions = new Array<ScoreFunction>(n)
  for (let i = 0; i < n; i++) functions[i] = readFunction(ctx, reader)
  const query = evaluate(ctx, reader, boost)
  const scores = ctx.scoring
  ctx.scoring = false
  for (let i = 0; i < n; i++) if (functions[i].hasFilter) functions[i].filter = evaluate(ctx, reader, 1)
  ctx.scoring = scores
  const result = new DocScores()
  const scoredHere = trace == null && (ctx.scoring || hasMinScore)
  for (let i = 0; i < query.length; i++) {
    const docId = query.docs[i]
    const raising = scoredHere && ctx.accepts(docId)
    const raised = scoreErrorsRaised()
    const queryScore = boostMode == REPLACE ? <f32>0 : query.scores[i]
    const score =
      n == 0
        ? queryScore
        : combine(boostMode, <f64>queryScore, computeScore(functions, scoreMode, docId, raising), maxBoost)
    if (raising && n > 0 && (score < 0 || isNaN(score))) {
      raiseScoreError(new ScoreError(INVALID_SCORE, '', 0, <f64>score, 0, docId))
    }
    // a document whose scoring failed matches: MinScoreScorer's matches() throws instead of answering, so a bool's
    // second pass (boolean-query.ts) must ask about it again
    if (!hasMinScore || score >= minScore || scoreErrorsRaised() != raised) result.push(docId, score)
  }
  if (trace == null) return result
  for (let i = 0; i < n; i++) {
    const fn = functions[i]
    const docId = trace.docId
    const values = fn.values
    const entry = values != null ? values.entryOf(docId) : -1
    const docValues = new Array<f64>()
    if (values != null && entry >= 0)
      for (let v = values.start(entry); v < values.start(entry + 1); v++) docValues.push(values.values[v])
    trace.scoreFunction(node, fn.applies(docId), fn.score(docId), docValues)
  }
  return result
}

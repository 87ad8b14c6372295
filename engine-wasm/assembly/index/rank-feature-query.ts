// RANK_FEATURE: Lucene's FeatureQuery (Elasticsearch's rank_feature query) and ES's LinearRankFeatureTermQuery
// (a term query on a rank_features field), which score alike. FeatureField stores a feature value as the term
// frequency of term <feature> in field <luceneField>: the float's bits >>> 15. The index keeps that frequency as the
// one numeric doc value of the field `<luceneField>\0<feature>` (workers/es/index/mapper/rank-feature-field.ts),
// whose documents are the term's postings. A live document with a frequency f scores fn(w, S) with S =
// decodeFeatureValue(f) = intBitsToFloat(f << 15) and w the boost:
//   0 linear      w * S                                        (float)
//   1 log         (float) (w * Math.log(a + S))                a + S in float, a = scaling factor
//   2 saturation  w * (1 - k / (S + k))                        (float), k = pivot
//   3 sigmoid     (float) (w * (1 - k^a / (S^a + k^a)))        in double, k^a = Math.pow(k, a)
// A saturation without a pivot takes SaturationFunction.rewrite's: decodeFeatureValue((float) (totalTermFreq /
// docFreq)) of the term over the whole index (every segment, deleted documents included, as TermStates.build
// counts them), 1 when no document has it. Its statistics are no searcher's: DFS records nothing.
// Program operands after the op code (see query.ts): string luceneField, string feature, u32 function, u32 hasPivot,
// f32 p1 (scaling factor or pivot), f32 p2 (exponent), f32 boost.
// With a trace the explained document's state is recorded (ExplainTrace.feature): 0 matched, 1 the segment has no
// feature of luceneField ("Field ... doesn't exist"), 2 not this feature ("Feature ... doesn't exist"), 3 the document
// has none ("isn't set"), with w, the pivot used and S.
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { FEATURE_FIELD_MISSING, FEATURE_MISSING, FEATURE_SET, FEATURE_UNSET } from './explain-trace'
import { SearchContext } from './search-context'

const LINEAR: u32 = 0
const LOG: u32 = 1
const SATURATION: u32 = 2
const SIGMOID: u32 = 3
/** FeatureField.MAX_FREQ: the frequency of Float.MAX_VALUE. */
const MAX_FREQ: i32 = 0x7f7fffff >>> 15

function decodeFeatureValue(freq: f32): f32 {
  if (freq > <f32>MAX_FREQ) return f32.MAX_VALUE
  return reinterpret<f32>((<i32>freq) << 15)
}

/** FeatureField.computePivotFeatureValue over every segment of the index. */
function indexPivot(ctx: SearchContext, name: string): f32 {
  let docFreq: i64 = 0
  let totalTermFreq: f64 = 0
  for (let s = 0; s < ctx.segments.length; s++) {
    const field = ctx.segments[s].field(name)
    if (field == null) continue
    const values = field.docValues.values
    docFreq += field.docValues.size
    for (let v = 0; v < values.length; v++) totalTermFreq += unchecked(values[v])
  }
  if (docFreq == 0) return 1
  return decodeFeatureValue(<f32>(totalTermFreq / <f64>docFreq))
}

class FeatureFunction {
  constructor(
    readonly kind: u32,
    readonly weight: f32,
    readonly p1: f32,
    readonly p2: f32,
  ) {}

  score(s: f32): f32 {
    const w = this.weight
    if (this.kind == LINEAR) return w * s
    if (this.kind == LOG) return <f32>(<f64>w * Math.log(<f64>(this.p1 + s)))
    if (this.kind == SATURATION) return w * (<f32>1 - this.p1 / (s + this.p1))
    const pivotPa = Math.pow(<f64>this.p1, <f64>this.p2)
    return <f32>(<f64>w * (1 - pivotPa / (Math.pow(<f64>s, <f64>this.p2) + pivotPa)))
  }
}

export function rankFeatureQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const luceneField = reader.string()
  const feature = reader.string()
  const kind = reader.u32()
  const hasPivot = reader.u32() != 0
  let p1 = reader.f32()
  const p2 = reader.f32()
  const weight = reader.f32() * parentBoost
  const name = luceneField + '\u0000' + feature
  if (kind == SATURATION && !hasPivot) p1 = indexPivot(ctx, name)
  const fn = new FeatureFunction(kind, weight, p1, p2)
  const result = new DocScores()
  const field = ctx.field(name)
  if (field != null) {
    const values = field.docValues
    for (let e = 0; e < values.size; e++) {
      const docId = values.doc(e)
      if (!ctx.liveDocs.isLive(docId)) continue
      result.push(docId, fn.score(decodeFeatureValue(<f32>unchecked(values.values[values.start(e)]))))
    }
  }
  const trace = ctx.trace
  if (trace == null) return result
  let state = FEATURE_SET
  let s: f32 = 0
  const entry = field != null ? field.docValues.entryOf(trace.docId) : -1
  if (field != null && entry >= 0 && ctx.liveDocs.isLive(trace.docId))
    s = decodeFeatureValue(<f32>field.docValues.values[field.docValues.start(entry)])
  else if (field != null) state = FEATURE_UNSET
  else state = hasFeatureOf(ctx, luceneField + '\u0000') ? FEATURE_MISSING : FEATURE_FIELD_MISSING
  trace.feature(state, weight, p1, s)
  return result
}

/** Whether the current segment has any feature of the Lucene field (an index field named `prefix` + feature). */
function hasFeatureOf(ctx: SearchContext, prefix: string): bool {
  const names = ctx.segment.fields.keys()
  for (let i = 0; i < names.length; i++) if (names[i].startsWith(prefix)) return true
  return false
}

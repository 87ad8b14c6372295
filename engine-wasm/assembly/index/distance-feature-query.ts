// DISTANCE_FEATURE: Lucene's LongDistanceFeatureQuery (ES's distance_feature on a date or date_nanos field) and
// LatLonPointDistanceFeatureQuery (on a geo_point field), over the field's numeric doc values. Every live document
// with a value matches and scores (float) (w * (pivot / (pivot + distance))) in double, w the boost:
//   kind 0 date        the column word is the epoch millis; origin and pivot are longs (ms)
//   kind 1 date_nanos  the column word is date-nanos-field.ts's sortable double of the epoch nanos; longs in ns
//     distance = |value - origin| as an unsigned long, Long.MAX_VALUE past it; of several values the nearest to the
//     origin, a tie going to the larger (LongDistanceFeatureQuery.selectValue over the sorted values)
//   kind 2 geo_point   two words a point (geo-queries.ts); of several points the one with the least haversinSortKey
//     to the origin (the first of equals), its distance haversinMeters(sortKey) from its quantised coordinates
// Program operands after the op code (see query.ts): string field, u32 kind, then for kinds 0 and 1 i64 origin,
// i64 pivot, for kind 2 f64 originLat, f64 originLon, f64 pivotMeters; then f32 boost.
// With a trace the explained document is recorded (ExplainTrace.distance): whether it has a value, w, the column
// word selected (kinds 0 and 1), the point's decoded lat and lon and its distance (kind 2).
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { NumericDocValues } from './doc-values'
import { haversinMetersOfKey, haversinSortKey } from './sloppy-math'
import { SearchContext } from './search-context'

const DATE: u32 = 0
const DATE_NANOS: u32 = 1
const LAT_DECODE: f64 = 1 / (<f64>4294967296 / 180)
const LON_DECODE: f64 = 1 / (<f64>4294967296 / 360)
const HALF_RANGE: i64 = 1 << 62

/** The long a column word stands for: the millis themselves, or a date_nanos word's nanoseconds. */
function longOf(word: f64, nanos: bool): i64 {
  if (!nanos) return <i64>word
  return word < 0 ? HALF_RANGE - reinterpret<i64>(-word) : HALF_RANGE + reinterpret<i64>(word)
}

function decodeCoordinate(word: f64, scale: f64): f64 {
  return <f64>(<i32>((<u32>((<i64>word) & 0xffffffff)) ^ 0x80000000)) * scale
}

/** |value - origin| as LongDistanceFeatureQuery takes it: unsigned, Long.MAX_VALUE when that overflows. */
function longDistance(value: i64, origin: i64): i64 {
  const distance = (value > origin ? value : origin) - (value < origin ? value : origin)
  return distance < 0 ? i64.MAX_VALUE : distance
}

function score(weight: f32, pivot: f64, distance: f64): f32 {
  return <f32>(<f64>weight * (pivot / (pivot + distance)))
}

/** The entry's value word nearest the origin (selectValue). */
function selectLong(values: NumericDocValues, entry: i32, origin: i64, nanos: bool): i32 {
  let best = values.start(entry)
  let bestDistance = longDistance(longOf(unchecked(values.values[best]), nanos), origin)
  for (let v = best + 1; v < values.start(entry + 1); v++) {
    const distance = longDistance(longOf(unchecked(values.values[v]), nanos), origin)
    if (<u64>distance <= <u64>bestDistance) {
      best = v
      bestDistance = distance
    }
  }
  return best
}

/** The entry's point (index of its latitude word) nearest the origin by sort key. */
function selectPoint(values: NumericDocValues, entry: i32, lat: f64, lon: f64): i32 {
  let best = values.start(entry)
  let bestKey = pointKey(values, best, lat, lon)
  for (let v = best + 2; v + 1 < values.start(entry + 1); v += 2) {
    const key = pointKey(values, v, lat, lon)
    if (key < bestKey) {
      best = v
      bestKey = key
    }
  }
  return best
}

function pointKey(values: NumericDocValues, at: i32, lat: f64, lon: f64): f64 {
  const pointLat = decodeCoordinate(unchecked(values.values[at]), LAT_DECODE)
  const pointLon = decodeCoordinate(unchecked(values.values[at + 1]), LON_DECODE)
  return haversinSortKey(lat, lon, pointLat, pointLon)
}

export function distanceFeatureQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const kind = reader.u32()
  const geo = kind != DATE && kind != DATE_NANOS
  const nanos = kind == DATE_NANOS
  let origin: i64 = 0
  let pivot: f64 = 0
  let lat: f64 = 0
  let lon: f64 = 0
  if (geo) {
    lat = reader.f64()
    lon = reader.f64()
    pivot = reader.f64()
  } else {
    origin = reader.i64()
    pivot = <f64>reader.i64()
  }
  const weight = reader.f32() * parentBoost
  const result = new DocScores()
  const field = ctx.field(name)
  const trace = ctx.trace
  if (field == null) {
    if (trace != null) trace.distance(false, weight, 0, 0, 0, 0)
    return result
  }
  const values = field.docValues
  for (let e = 0; e < values.size; e++) {
    const docId = values.doc(e)
    if (!ctx.liveDocs.isLive(docId)) continue
    let distance: f64
    if (geo) distance = haversinMetersOfKey(pointKey(values, selectPoint(values, e, lat, lon), lat, lon))
    else
      distance = <f64>(
        longDistance(longOf(unchecked(values.values[selectLong(values, e, origin, nanos)]), nanos), origin)
      )
    result.push(docId, score(weight, pivot, distance))
  }
  if (trace == null) return result
  const entry = values.entryOf(trace.docId)
  if (entry < 0 || !ctx.liveDocs.isLive(trace.docId)) trace.distance(false, weight, 0, 0, 0, 0)
  else if (!geo)
    trace.distance(true, weight, values.values[selectLong(values, entry, origin, nanos)], 0, 0, 0)
  else {
    const at = selectPoint(values, entry, lat, lon)
    const pointLat = decodeCoordinate(values.values[at], LAT_DECODE)
    const pointLon = decodeCoordinate(values.values[at + 1], LON_DECODE)
    const distance = haversinMetersOfKey(haversinSortKey(lat, lon, pointLat, pointLon))
    trace.distance(true, weight, 0, pointLat, pointLon, distance)
  }
  return result
}

// The geo_point queries, constant score (every match scores the query's boost), evaluated over a field's doc values
// as Lucene's LatLonDocValuesField slow queries (the doc-values side of ES's IndexOrDocValuesQuery):
//   GEO_DISTANCE (LatLonDocValuesDistanceQuery) string field, f64 latitude, f64 longitude, f64 sortKey, f32 boost:
//     a document matches when one of its points, decoded from its quantised coordinates, has a haversinSortKey to
//     the centre at most sortKey (GeoUtils.distanceQuerySortKey of the radius, computed by the caller);
//   GEO_BOUNDING_BOX (LatLonDocValuesBoxQuery) string field, i32 minLat, i32 maxLat, i32 minLon, i32 maxLon,
//     u32 crossesDateline, f32 boost: the bounds already encoded (lower ones rounded up, upper ones down); a document
//     matches when one point's encoded latitude is within [minLat, maxLat] and its encoded longitude within
//     [minLon, maxLon], or outside (maxLon, minLon) when the box crosses the dateline.
// A geo_point's points sit in the field's numeric column as two words each (workers/es/index/mapper/
// geo-point-field.ts): word = tag·2^32 + (encoded + 2^31), latitude first; the low 32 bits, sign bit flipped, are the
// encoded coordinate.
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { NumericDocValues } from './doc-values'
import { haversinSortKey } from './sloppy-math'
import { SearchContext } from './search-context'

const LAT_DECODE: f64 = 1 / (<f64>4294967296 / 180)
const LON_DECODE: f64 = 1 / (<f64>4294967296 / 360)

function encoded(word: f64): i32 {
  return <i32>((<u32>((<i64>word) & 0xffffffff)) ^ 0x80000000)
}

/** The matching live documents of a field's points, in doc order, each scored boost. */
function matchPoints<P>(ctx: SearchContext, name: string, predicate: P, boost: f32): DocScores {
  const result = new DocScores()
  const field = ctx.field(name)
  if (field == null) return result
  const values: NumericDocValues = field.docValues
  const words = values.values
  for (let e = 0; e < values.size; e++) {
    const docId = values.doc(e)
    if (!ctx.liveDocs.isLive(docId)) continue
    for (let v = values.start(e); v + 1 < values.start(e + 1); v += 2) {
      if (predicate.test(encoded(unchecked(words[v])), encoded(unchecked(words[v + 1])))) {
        result.push(docId, boost)
        break
      }
    }
  }
  return result
}

class DistancePredicate {
  constructor(
    readonly lat: f64,
    readonly lon: f64,
    readonly sortKey: f64,
  ) {}

  @inline test(lat: i32, lon: i32): bool {
    return haversinSortKey(<f64>lat * LAT_DECODE, <f64>lon * LON_DECODE, this.lat, this.lon) <= this.sortKey
  }
}

class BoxPredicate {
  constructor(
    readonly minLat: i32,
    readonly maxLat: i32,
    readonly minLon: i32,
    readonly maxLon: i32,
    readonly crossesDateline: bool,
  ) {}

  @inline test(lat: i32, lon: i32): bool {
    if (lat < this.minLat || lat > this.maxLat) return false
    if (this.crossesDateline) return lon <= this.maxLon || lon >= this.minLon
    return lon >= this.minLon && lon <= this.maxLon
  }
}

export function geoDistanceQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const lat = reader.f64()
  const lon = reader.f64()
  const sortKey = reader.f64()
  const boost = reader.f32() * parentBoost
  return matchPoints<DistancePredicate>(ctx, name, new DistancePredicate(lat, lon, sortKey), boost)
}

export function geoBoundingBoxQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const minLat = reader.i32()
  const maxLat = reader.i32()
  const minLon = reader.i32()
  const maxLon = reader.i32()
  const crossesDateline = reader.u32() != 0
  const boost = reader.f32() * parentBoost
  const predicate = new BoxPredicate(minLat, maxLat, minLon, maxLon, crossesDateline)
  return matchPoints<BoxPredicate>(ctx, name, predicate, boost)
}

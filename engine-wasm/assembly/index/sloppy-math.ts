// Lucene's SloppyMath.haversinSortKey for the geo_distance query: a table-driven cosine (2049 entries over [0, 2π],
// a 4-term Taylor step from the nearest entry), the sort key's low three mantissa bits cleared as Lucene clears them.
// The tables are filled once, on the first geo_distance query. workers/es/common/geo/sloppy-math.ts is the same
// arithmetic for the sorts and aggregations; tests/unit/es/geo checks the two agree.

const ONE_DIV_F2: f64 = 1.0 / 2.0
const ONE_DIV_F3: f64 = 1.0 / 6.0
const ONE_DIV_F4: f64 = 1.0 / 24.0
const TO_RADIANS: f64 = 0.017453292519943295
const TABS_SIZE: i32 = (1 << 11) + 1
const PIO2_HI: f64 = reinterpret<f64>(0x3ff921fb54400000)
const PIO2_LO: f64 = reinterpret<f64>(0x3dd0b4611a626331)
const DELTA_HI: f64 = (4 * PIO2_HI) / <f64>(TABS_SIZE - 1)
const DELTA_LO: f64 = (4 * PIO2_LO) / <f64>(TABS_SIZE - 1)
const INDEXER: f64 = 1 / (DELTA_HI + DELTA_LO)
const MAX_VALUE_FOR_INT_MODULO: f64 = (<f64>(i32.MAX_VALUE >> 9) / INDEXER) * 0.99

let sinTab: StaticArray<f64> | null = null
let cosTab: StaticArray<f64> | null = null

function fillTables(): void {
  const sin = new StaticArray<f64>(TABS_SIZE)
  const cos = new StaticArray<f64>(TABS_SIZE)
  const piIndex = (TABS_SIZE - 1) / 2
  for (let i = 0; i < TABS_SIZE; i++) {
    const angle = <f64>i * DELTA_HI + <f64>i * DELTA_LO
    let s = Math.sin(angle)
    let c = Math.cos(angle)
    // Where the sine or cosine is zero the table holds 0, not an epsilon.
    if (i == piIndex || i == 2 * piIndex) s = 0
    else if (i == piIndex / 2 || i == (3 * piIndex) / 2) c = 0
    unchecked((sin[i] = s))
    unchecked((cos[i] = c))
  }
  sinTab = sin
  cosTab = cos
}

/** SloppyMath.cos. */
export function sloppyCos(angle: f64): f64 {
  let a = angle < 0 ? -angle : angle
  if (a > MAX_VALUE_FOR_INT_MODULO) return Math.cos(a)
  if (cosTab == null) fillTables()
  let index = <i32>(a * INDEXER + 0.5)
  const delta = a - <f64>index * DELTA_HI - <f64>index * DELTA_LO
  index &= TABS_SIZE - 2
  const c = unchecked(cosTab![index])
  const s = unchecked(sinTab![index])
  return c + delta * (-s + delta * (-c * ONE_DIV_F2 + delta * (s * ONE_DIV_F3 + delta * c * ONE_DIV_F4)))
}

/** SloppyMath.haversinSortKey: compares as the haversine distance does. */
export function haversinSortKey(lat1: f64, lon1: f64, lat2: f64, lon2: f64): f64 {
  const x1 = lat1 * TO_RADIANS
  const x2 = lat2 * TO_RADIANS
  const h1 = 1 - sloppyCos(x1 - x2)
  const h2 = 1 - sloppyCos((lon1 - lon2) * TO_RADIANS)
  const h = h1 + sloppyCos(x1) * sloppyCos(x2) * h2
  return reinterpret<f64>(reinterpret<i64>(h) & 0xfffffffffffffff8)
}

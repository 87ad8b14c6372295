// Lucene's SloppyMath.haversinSortKey for the geo_distance query (and haversinMeters, with SloppyMath.asin, for
// distance_feature on a geo_point): a table-driven cosine (2049 entries over [0, 2π],
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

// SloppyMath.asin: a table (8193 entries over [0, sin(73°)]) with four derivatives for a Taylor step from the
// nearest entry, fdlibm's rational approximation above; filled on the first distance_feature query on a geo_point.
const TO_METERS: f64 = 6371008.7714
const ASIN_TABS_SIZE: i32 = (1 << 13) + 1
const ASIN_PIO2_HI: f64 = reinterpret<f64>(0x3ff921fb54442d18)
const ASIN_PIO2_LO: f64 = reinterpret<f64>(0x3c91a62633145c07)
const ASIN_PS0: f64 = reinterpret<f64>(0x3fc5555555555555)
const ASIN_PS1: f64 = reinterpret<f64>(0xbfd4d61203eb6f7d)
const ASIN_PS2: f64 = reinterpret<f64>(0x3fc9c1550e884455)
const ASIN_PS3: f64 = reinterpret<f64>(0xbfa48228b5688f3b)
const ASIN_PS4: f64 = reinterpret<f64>(0x3f49efe07501b288)
const ASIN_PS5: f64 = reinterpret<f64>(0x3f023de10dfdf709)
const ASIN_QS1: f64 = reinterpret<f64>(0xc0033a271c8a2d4b)
const ASIN_QS2: f64 = reinterpret<f64>(0x40002ae59c598ac8)
const ASIN_QS3: f64 = reinterpret<f64>(0xbfe6066c1b8d0159)
const ASIN_QS4: f64 = reinterpret<f64>(0x3fb3b8c5b12e9282)

let asinMaxValueForTabs: f64 = 0
let asinDelta: f64 = 0
let asinTabs: StaticArray<f64> | null = null

/** The table and its derivatives, five values an entry. */
function fillAsinTables(): StaticArray<f64> {
  asinMaxValueForTabs = Math.sin(73.0 * TO_RADIANS)
  asinDelta = asinMaxValueForTabs / <f64>(ASIN_TABS_SIZE - 1)
  const tabs = new StaticArray<f64>(5 * ASIN_TABS_SIZE)
  for (let i = 0; i < ASIN_TABS_SIZE; i++) {
    const x = <f64>i * asinDelta
    const inv = 1.0 / (1 - x * x)
    const inv05 = Math.sqrt(inv)
    const inv15 = inv05 * inv
    const inv25 = inv15 * inv
    const inv35 = inv25 * inv
    unchecked((tabs[5 * i] = Math.asin(x)))
    unchecked((tabs[5 * i + 1] = inv05))
    unchecked((tabs[5 * i + 2] = x * inv15 * ONE_DIV_F2))
    unchecked((tabs[5 * i + 3] = (1 + 2 * x * x) * inv25 * ONE_DIV_F3))
    unchecked((tabs[5 * i + 4] = (5 + 2 * x * (2 + x * (5 - 2 * x))) * inv35 * ONE_DIV_F4))
  }
  asinTabs = tabs
  return tabs
}

/** SloppyMath.asin. */
export function sloppyAsin(value: f64): f64 {
  const tabs = asinTabs != null ? asinTabs! : fillAsinTables()
  const negate = value < 0
  const a = negate ? -value : value
  let result: f64
  if (a <= asinMaxValueForTabs) {
    const index = <i32>(a * (1 / asinDelta) + 0.5)
    const d = a - <f64>index * asinDelta
    const at = 5 * index
    result =
      unchecked(tabs[at]) +
      d *
        (unchecked(tabs[at + 1]) +
          d * (unchecked(tabs[at + 2]) + d * (unchecked(tabs[at + 3]) + d * unchecked(tabs[at + 4]))))
  } else if (a < 1.0) {
    const t = (1.0 - a) * 0.5
    const p =
      t * (ASIN_PS0 + t * (ASIN_PS1 + t * (ASIN_PS2 + t * (ASIN_PS3 + t * (ASIN_PS4 + t * ASIN_PS5)))))
    const q = 1.0 + t * (ASIN_QS1 + t * (ASIN_QS2 + t * (ASIN_QS3 + t * ASIN_QS4)))
    const s = Math.sqrt(t)
    const z = s + s * (p / q)
    result = ASIN_PIO2_HI - (z + z - ASIN_PIO2_LO)
  } else {
    return a == 1.0 ? (negate ? -Math.PI / 2 : Math.PI / 2) : NaN
  }
  return negate ? -result : result
}

/** SloppyMath.haversinMeters of a sort key. */
export function haversinMetersOfKey(sortKey: f64): f64 {
  return TO_METERS * 2 * sloppyAsin(Math.min(1, Math.sqrt(sortKey * 0.5)))
}

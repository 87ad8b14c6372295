/**
 * Lucene's SloppyMath as GeoUtils and the geo queries, sorts and aggregations use it: a table-driven cosine (2049
 * entries over [0, 2π], a 4-term Taylor step from the nearest entry), a table-driven arc sine below sin(73°) and
 * fdlibm's above, and the haversine distance built on them. The tables are filled with StrictMath's sin, cos and
 * asin; JavaScript's Math runs fdlibm's too, so every value here is the one Lucene computes, bit for bit.
 * haversinSortKey's low three mantissa bits are cleared, as Lucene clears them, so rounding makes no ties.
 */

const TO_METERS = 6_371_008.7714
const ONE_DIV_F2 = 1 / 2
const ONE_DIV_F3 = 1 / 6
const ONE_DIV_F4 = 1 / 24

function bitsToDouble(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setUint32(0, hi)
  view.setUint32(4, lo)
  return view.getFloat64(0)
}

const PIO2_HI = bitsToDouble(0x3ff921fb, 0x54400000)
const PIO2_LO = bitsToDouble(0x3dd0b461, 0x1a626331)
const TWOPI_HI = 4 * PIO2_HI
const TWOPI_LO = 4 * PIO2_LO
const SIN_COS_TABS_SIZE = (1 << 11) + 1
const SIN_COS_DELTA_HI = TWOPI_HI / (SIN_COS_TABS_SIZE - 1)
const SIN_COS_DELTA_LO = TWOPI_LO / (SIN_COS_TABS_SIZE - 1)
const SIN_COS_INDEXER = 1 / (SIN_COS_DELTA_HI + SIN_COS_DELTA_LO)
const SIN_COS_MAX_VALUE_FOR_INT_MODULO = ((0x7fffffff >> 9) / SIN_COS_INDEXER) * 0.99

const ASIN_MAX_VALUE_FOR_TABS = Math.sin(toRadians(73.0))
const ASIN_TABS_SIZE = (1 << 13) + 1
const ASIN_DELTA = ASIN_MAX_VALUE_FOR_TABS / (ASIN_TABS_SIZE - 1)
const ASIN_INDEXER = 1 / ASIN_DELTA
const ASIN_PIO2_HI = bitsToDouble(0x3ff921fb, 0x54442d18)
const ASIN_PIO2_LO = bitsToDouble(0x3c91a626, 0x33145c07)
const ASIN_PS0 = bitsToDouble(0x3fc55555, 0x55555555)
const ASIN_PS1 = bitsToDouble(0xbfd4d612, 0x03eb6f7d)
const ASIN_PS2 = bitsToDouble(0x3fc9c155, 0x0e884455)
const ASIN_PS3 = bitsToDouble(0xbfa48228, 0xb5688f3b)
const ASIN_PS4 = bitsToDouble(0x3f49efe0, 0x7501b288)
const ASIN_PS5 = bitsToDouble(0x3f023de1, 0x0dfdf709)
const ASIN_QS1 = bitsToDouble(0xc0033a27, 0x1c8a2d4b)
const ASIN_QS2 = bitsToDouble(0x40002ae5, 0x9c598ac8)
const ASIN_QS3 = bitsToDouble(0xbfe6066c, 0x1b8d0159)
const ASIN_QS4 = bitsToDouble(0x3fb3b8c5, 0xb12e9282)

const sinTab = new Float64Array(SIN_COS_TABS_SIZE)
const cosTab = new Float64Array(SIN_COS_TABS_SIZE)
const asinTab = new Float64Array(ASIN_TABS_SIZE)
const asinDer1 = new Float64Array(ASIN_TABS_SIZE)
const asinDer2 = new Float64Array(ASIN_TABS_SIZE)
const asinDer3 = new Float64Array(ASIN_TABS_SIZE)
const asinDer4 = new Float64Array(ASIN_TABS_SIZE)

{
  const piIndex = (SIN_COS_TABS_SIZE - 1) / 2
  for (let i = 0; i < SIN_COS_TABS_SIZE; i++) {
    const angle = i * SIN_COS_DELTA_HI + i * SIN_COS_DELTA_LO
    let sin = Math.sin(angle)
    let cos = Math.cos(angle)
    // Where the sine or cosine is zero the table holds 0, not an epsilon.
    if (i === piIndex || i === 2 * piIndex) sin = 0
    else if (i === piIndex / 2 || i === (3 * piIndex) / 2) cos = 0
    sinTab[i] = sin
    cosTab[i] = cos
  }
  for (let i = 0; i < ASIN_TABS_SIZE; i++) {
    const x = i * ASIN_DELTA
    asinTab[i] = Math.asin(x)
    const inv = 1.0 / (1 - x * x)
    const inv05 = Math.sqrt(inv)
    const inv15 = inv05 * inv
    const inv25 = inv15 * inv
    const inv35 = inv25 * inv
    asinDer1[i] = inv05
    asinDer2[i] = x * inv15 * ONE_DIV_F2
    asinDer3[i] = (1 + 2 * x * x) * inv25 * ONE_DIV_F3
    asinDer4[i] = (5 + 2 * x * (2 + x * (5 - 2 * x))) * inv35 * ONE_DIV_F4
  }
}

/** Math.toRadians: degrees times π/180 (one multiplication, as Java's). */
export function toRadians(degrees: number): number {
  return degrees * 0.017453292519943295
}

/** SloppyMath.cos. */
export function sloppyCos(angle: number): number {
  let a = angle < 0 ? -angle : angle
  if (a > SIN_COS_MAX_VALUE_FOR_INT_MODULO) return Math.cos(a)
  let index = Math.trunc(a * SIN_COS_INDEXER + 0.5)
  const delta = a - index * SIN_COS_DELTA_HI - index * SIN_COS_DELTA_LO
  index &= SIN_COS_TABS_SIZE - 2
  const c = cosTab[index]!
  const s = sinTab[index]!
  a = delta
  return c + a * (-s + a * (-c * ONE_DIV_F2 + a * (s * ONE_DIV_F3 + a * c * ONE_DIV_F4)))
}

/** SloppyMath.asin. */
export function sloppyAsin(value: number): number {
  const negate = value < 0
  const a = negate ? -value : value
  let result: number
  if (a <= ASIN_MAX_VALUE_FOR_TABS) {
    const index = Math.trunc(a * ASIN_INDEXER + 0.5)
    const d = a - index * ASIN_DELTA
    result =
      asinTab[index]! +
      d * (asinDer1[index]! + d * (asinDer2[index]! + d * (asinDer3[index]! + d * asinDer4[index]!)))
  } else if (a < 1.0) {
    const t = (1.0 - a) * 0.5
    const p =
      t * (ASIN_PS0 + t * (ASIN_PS1 + t * (ASIN_PS2 + t * (ASIN_PS3 + t * (ASIN_PS4 + t * ASIN_PS5)))))
    const q = 1.0 + t * (ASIN_QS1 + t * (ASIN_QS2 + t * (ASIN_QS3 + t * ASIN_QS4)))
    const s = Math.sqrt(t)
    const z = s + s * (p / q)
    result = ASIN_PIO2_HI - (z + z - ASIN_PIO2_LO)
  } else {
    return a === 1.0 ? (negate ? -Math.PI / 2 : Math.PI / 2) : NaN
  }
  return negate ? -result : result
}

const keyView = new DataView(new ArrayBuffer(8))

/** SloppyMath.haversinSortKey: compares as the distance does, cheaper to compute. */
export function haversinSortKey(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x1 = toRadians(lat1)
  const x2 = toRadians(lat2)
  const h1 = 1 - sloppyCos(x1 - x2)
  const h2 = 1 - sloppyCos(toRadians(lon1 - lon2))
  const h = h1 + sloppyCos(x1) * sloppyCos(x2) * h2
  keyView.setFloat64(0, h)
  keyView.setUint8(7, keyView.getUint8(7) & 0xf8)
  return keyView.getFloat64(0)
}

/** SloppyMath.haversinMeters of a sort key. */
export function haversinMetersOfKey(sortKey: number): number {
  return TO_METERS * 2 * sloppyAsin(Math.min(1, Math.sqrt(sortKey * 0.5)))
}

/** SloppyMath.haversinMeters: the haversine distance in meters between two points in degrees. */
export function haversinMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return haversinMetersOfKey(haversinSortKey(lat1, lon1, lat2, lon2))
}

/**
 * GeoUtils.distanceQuerySortKey: the smallest sort key whose distance is at least `radius` meters (a binary search
 * over the non-negative doubles' bits), so a point is within the radius exactly when its sort key is at most this.
 */
export function distanceQuerySortKey(radius: number): number {
  const maxKey = haversinMetersOfKey(Number.MAX_VALUE)
  if (radius >= maxKey) return maxKey
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, Number.MAX_VALUE)
  let lo = 0n
  let hi = view.getBigUint64(0)
  while (lo <= hi) {
    const mid = (lo + hi) >> 1n
    view.setBigUint64(0, mid)
    const midRadius = haversinMetersOfKey(view.getFloat64(0))
    if (midRadius === radius) return view.getFloat64(0)
    if (midRadius > radius) hi = mid - 1n
    else lo = mid + 1n
  }
  view.setBigUint64(0, lo)
  return view.getFloat64(0)
}

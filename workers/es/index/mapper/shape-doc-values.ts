/**
 * The doc values of a shape field (geo_shape, shape): the components (common/geo/shape-components.ts) of every
 * geometry of the document's value, quantised as the index stores them, as a stream of 32-bit words in the index's
 * numeric column. The column sorts a document's numbers, so word k is stored as k·2^32 + word (an integer below 2^53,
 * exact in a float64) and sorting keeps the stream's order; at most 2^21 words a document.
 *
 * The stream, per component: its kind (0 point, 1 line, 2 polygon); a point's x and y; a line's point count and
 * points; a polygon's ring count, then each ring's point count and points. A coordinate word is, for geo_shape,
 * GeoEncodingUtils' encoded longitude or latitude plus 2^31 (the 32-bit quantisation LatLonShape indexes), and for
 * shape the bits of the coordinate as a Java float (XYEncodingUtils' quantisation, Math.fround).
 *
 * After the components, the document's centroid (common/geo/centroid-calculator.ts, over the values' geometries as
 * parsed), as GeometryDocValueWriter writes it before its triangle tree: tag 3, x and y encoded as a coordinate
 * (geo_shape's clamped to the globe first, GeoShapeCoordinateEncoder), the dimensional shape type, and the weight's
 * float64 bits as two words (high, low). Words written before this record existed end without it.
 */
import {
  decodeLatitude,
  decodeLongitude,
  encodeLatitude,
  encodeLongitude,
} from '../../common/geo/geo-encoding.ts'
import type { CoordinateSystem } from '../../common/geo/geometry-validator.ts'
import { componentsOf, type Component, type Quantize } from '../../common/geo/shape-components.ts'
import {
  shapeCentroid,
  type ShapeCentroid,
  type ShapeDimension,
} from '../../common/geo/centroid-calculator.ts'
import { parseWkt } from '../../common/geo/well-known-text.ts'
import type { LeafValue } from './document-parser.ts'

const WORD = 2 ** 32
const OFFSET = 2 ** 31
const FLOAT = new DataView(new ArrayBuffer(4))
const DOUBLE = new DataView(new ArrayBuffer(8))
const CENTROID = 3

interface CoordinateCodec {
  encode: (x: number, y: number) => [number, number]
  decode: (x: number, y: number) => [number, number]
}

const GEO: CoordinateCodec = {
  encode: (x, y) => [
    encodeLongitude(Math.min(180, Math.max(-180, x))) + OFFSET,
    encodeLatitude(Math.min(90, Math.max(-90, y))) + OFFSET,
  ],
  decode: (x, y) => [decodeLongitude(x - OFFSET), decodeLatitude(y - OFFSET)],
}

function floatBits(value: number): number {
  FLOAT.setFloat32(0, value)
  return FLOAT.getUint32(0)
}

function bitsFloat(bits: number): number {
  FLOAT.setUint32(0, bits)
  return FLOAT.getFloat32(0)
}

const CARTESIAN: CoordinateCodec = {
  encode: (x, y) => [floatBits(x), floatBits(y)],
  decode: (x, y) => [bitsFloat(x), bitsFloat(y)],
}

function codec(system: CoordinateSystem): CoordinateCodec {
  return system === 'geo' ? GEO : CARTESIAN
}

/** A coordinate as the index stores it, read back: how a stored shape's coordinates compare. */
export function quantizer(system: CoordinateSystem): Quantize {
  const { encode, decode } = codec(system)
  return (x, y) => decode(...encode(x, y))
}

function pushPath(words: number[], path: readonly number[], encode: CoordinateCodec['encode']): void {
  words.push(path.length / 2)
  for (let i = 0; i < path.length; i += 2) words.push(...encode(path[i]!, path[i + 1]!))
}

/** The packed words of a field's WKT values (see the header). */
export function shapeDocValues(system: CoordinateSystem, values: readonly LeafValue[]): number[] {
  const { encode } = codec(system)
  const identity: Quantize = (x, y) => [x, y]
  const words: number[] = []
  const geometries = values.map((value) => parseWkt(String(value), false))
  for (const geometry of geometries) {
    for (const component of componentsOf(geometry, identity, system === 'geo')) {
      if (component.kind === 'point') words.push(0, ...encode(component.x, component.y))
      else if (component.kind === 'line') {
        words.push(1)
        pushPath(words, component.coords, encode)
      } else {
        words.push(2, component.rings.length)
        for (const ring of component.rings) pushPath(words, ring, encode)
      }
    }
  }
  const centroid = shapeCentroid(geometries)
  DOUBLE.setFloat64(0, centroid.weight)
  words.push(CENTROID, ...encode(centroid.x, centroid.y), centroid.dimension)
  words.push(DOUBLE.getUint32(0), DOUBLE.getUint32(4))
  return words.map((word, k) => k * WORD + word)
}

/** The components of a document's packed words, their coordinates decoded. */
export function shapeComponentsOf(system: CoordinateSystem, packed: readonly number[]): Component[] {
  const { decode } = codec(system)
  const words = packed.map((word) => word % WORD)
  let at = 0
  const path = (): number[] => {
    const count = words[at++]!
    const out: number[] = []
    for (let i = 0; i < count; i++, at += 2) out.push(...decode(words[at]!, words[at + 1]!))
    return out
  }
  const components: Component[] = []
  while (at < words.length && words[at] !== CENTROID) {
    const kind = words[at++]
    if (kind === 0) {
      const [x, y] = decode(words[at]!, words[at + 1]!)
      at += 2
      components.push({ kind: 'point', x, y })
    } else if (kind === 1) components.push({ kind: 'line', coords: path() })
    else {
      const rings: number[][] = []
      for (let r = words[at++]!; r > 0; r--) rings.push(path())
      components.push({ kind: 'polygon', rings })
    }
  }
  return components
}

/** The centroid a document's packed words record, decoded (x and y quantised); null for words without one. */
export function shapeCentroidOf(system: CoordinateSystem, packed: readonly number[]): ShapeCentroid | null {
  const words = packed.map((word) => word % WORD)
  let at = 0
  while (at < words.length && words[at] !== CENTROID) {
    const kind = words[at++]!
    const skipPath = (): void => {
      at += 1 + 2 * words[at]!
    }
    if (kind === 0) at += 2
    else if (kind === 1) skipPath()
    else for (let r = words[at++]!; r > 0; r--) skipPath()
  }
  if (at >= words.length) return null
  const [x, y] = codec(system).decode(words[at + 1]!, words[at + 2]!)
  DOUBLE.setUint32(0, words[at + 4]!)
  DOUBLE.setUint32(4, words[at + 5]!)
  return { x, y, dimension: words[at + 3] as ShapeDimension, weight: DOUBLE.getFloat64(0) }
}

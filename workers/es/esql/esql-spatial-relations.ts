/**
 * ES|QL's binary spatial functions (ES 8.17 BinarySpatialFunction): ST_INTERSECTS, ST_DISJOINT, ST_CONTAINS and
 * ST_WITHIN (boolean) and ST_DISTANCE (double), over WKT values (esql-values.ts).
 *
 * Types (SpatialTypeResolver): each argument must be spatial (`geo_point, cartesian_point, geo_shape or
 * cartesian_shape`; ST_DISTANCE: `geo_point or cartesian_point`), the first one that is naming the coordinate
 * system the other must share (`geo_point or geo_shape`, `cartesian_point or cartesian_shape`; ST_DISTANCE: the same
 * type). The first argument is checked first unless it is a constant and the second is not, or it is null.
 *
 * Relations: the first argument is read as doc values are (its coordinates quantised: GeoEncodingUtils for geo,
 * XYEncodingUtils for cartesian), the second as a Lucene Component2D (as given); all the values of a multi-value
 * together are one geometry collection; the relation is shape-relations.ts' (as the geo_shape query's). A null
 * argument gives null. ST_DISTANCE is single-valued: between two geo points, SloppyMath.haversinMeters of their
 * quantised coordinates; between cartesian points, the Euclidean distance.
 */
import { componentsOf, type Component } from '../common/geo/shape-components.ts'
import { relate, type ShapeRelation } from '../common/geo/shape-relations.ts'
import { haversinMeters } from '../common/geo/sloppy-math.ts'
import { parseWkt } from '../common/geo/well-known-text.ts'
import { quantizer } from '../index/mapper/shape-doc-values.ts'
import { typeName, type FunctionArg, type ScalarFunction } from './esql-function-support.ts'
import { pointOf } from './esql-spatial.ts'
import { SPATIAL_TYPES, valuesOf, type EsqlScalar, type EsqlValue } from './esql-values.ts'
import { EvaluationFailure, MULTI_VALUE_FAILURE } from './esql-warnings.ts'

const isGeo = (type: string): boolean => type === 'geo_point' || type === 'geo_shape'
const POINT_TYPES = new Set(['geo_point', 'cartesian_point'])

/** SpatialTypeResolver.resolveType (see the header): the failure, or null. */
function resolveSpatial(args: readonly FunctionArg[], callText: string, pointsOnly: boolean): string | null {
  const spatial = (t: string) => (pointsOnly ? POINT_TYPES.has(t) : SPATIAL_TYPES.has(t))
  const message = (i: number, expected: string) =>
    `${i === 0 ? 'first' : 'second'} argument of [${callText}] must be [${expected}], found value ` +
    `[${args[i]!.text}] type [${typeName(args[i]!.type)}]`
  const isSpatial = (i: number) =>
    args[i]!.type === 'null' || spatial(args[i]!.type)
      ? null
      : message(
          i,
          pointsOnly
            ? 'geo_point or cartesian_point'
            : 'geo_point, cartesian_point, geo_shape or cartesian_shape',
        )
  const sameSystem = (known: number, other: number) => {
    const t = args[known]!.type
    if (t === 'null') return isSpatial(other)
    const o = args[other]!.type
    const compatible = pointsOnly ? o === t : SPATIAL_TYPES.has(o) && isGeo(o) === isGeo(t)
    if (o === 'null' || compatible) return null
    return message(other, isGeo(t) ? 'geo_point or geo_shape' : 'cartesian_point or cartesian_shape')
  }
  const swapped =
    (args[0]!.constant !== undefined && args[1]!.constant === undefined) || args[0]!.type === 'null'
  const [first, second] = swapped ? [1, 0] : [0, 1]
  if (isSpatial(first) === null) return sameSystem(first, second)
  if (isSpatial(second) === null) return sameSystem(second, first)
  return isSpatial(first)
}

function components(values: readonly EsqlScalar[], type: string, quantized: boolean): Component[] {
  const geo = isGeo(type)
  const quantize = quantized
    ? quantizer(geo ? 'geo' : 'cartesian')
    : (x: number, y: number) => [x, y] as const
  return values.flatMap((v) => componentsOf(parseWkt(String(v), false), quantize, geo))
}

function relation(kind: ShapeRelation): ScalarFunction {
  return {
    arity: [2, 2],
    resolve: (args, callText) => {
      const failure = resolveSpatial(args, callText, false)
      return failure === null ? 'boolean' : { error: failure }
    },
    apply: ([left, right], types): EsqlValue => {
      const a = valuesOf(left ?? null)
      const b = valuesOf(right ?? null)
      if (a.length === 0 || b.length === 0) return null
      const stored = components(a, types[0]!, true)
      const query = components(b, types[1]!, false)
      if (stored.length === 0 || query.length === 0) return kind === 'disjoint'
      return relate(stored, query, kind)
    },
  }
}

const distance: ScalarFunction = {
  arity: [2, 2],
  resolve: (args, callText) => {
    const failure = resolveSpatial(args, callText, true)
    return failure === null ? 'double' : { error: failure }
  },
  apply: ([left, right], types): EsqlValue => {
    if (left === null || right === null || left === undefined || right === undefined) return null
    if (Array.isArray(left) || Array.isArray(right)) throw new EvaluationFailure(MULTI_VALUE_FAILURE)
    const a = pointOf(left as EsqlScalar)
    const b = pointOf(right as EsqlScalar)
    if (types[0] === 'geo_point') {
      const quantize = quantizer('geo')
      const [ax, ay] = quantize(a.x, a.y)
      const [bx, by] = quantize(b.x, b.y)
      return haversinMeters(ay, ax, by, bx)
    }
    const dx = a.x - b.x
    const dy = a.y - b.y
    return Math.sqrt(dx * dx + dy * dy)
  },
}

export const SPATIAL_RELATIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['st_intersects', relation('intersects')],
  ['st_disjoint', relation('disjoint')],
  ['st_contains', relation('contains')],
  ['st_within', relation('within')],
  ['st_distance', distance],
]

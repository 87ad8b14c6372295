/**
 * ES|QL's spatial functions (ES 8.17), over values that are WKT as ES|QL prints them (esql-values.ts):
 *
 * - TO_GEOPOINT, TO_GEOSHAPE, TO_CARTESIANPOINT and TO_CARTESIANSHAPE read a keyword or text as WKT
 *   (SpatialCoordinateTypes.wktToWkb: WellKnownText.fromWKT without coerce or validation, so any geometry type is
 *   taken) and keep a value that already is a geometry; each value of a multi-value on its own. A text that does
 *   not parse is left out with the warning `java.lang.IllegalArgumentException: Failed to parse WKT: <reason>`.
 * - ST_X and ST_Y (double): a point's x (longitude) and y (latitude), per value (a ConvertEvaluator); a geometry
 *   that is no point gives `java.lang.IllegalArgumentException: Unsupported geometry: POLYGON` (its ShapeType).
 *   Their argument must be a geo_point or a cartesian_point.
 */
import { EsException } from '../errors/index.ts'
import { parseWkt, toWkt } from '../common/geo/well-known-text.ts'
import type { Geometry } from '../common/geo/geometry.ts'
import { javaDoubleToString } from '../xcontent/index.ts'
import { conversion } from './esql-conversions.ts'
import type { ArgType, ScalarFunction } from './esql-function-support.ts'
import { SPATIAL_TYPES, type EsqlScalar } from './esql-values.ts'
import { EvaluationFailure } from './esql-warnings.ts'

const ILLEGAL_ARGUMENT = 'java.lang.IllegalArgumentException'

/** SpatialCoordinateTypes.wktToWkb then wkbToWkt: the value ES|QL holds for a WKT text. */
function wktValue(text: string): string {
  let geometry: Geometry
  try {
    geometry = parseWkt(text, false)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw new EvaluationFailure(`${ILLEGAL_ARGUMENT}: Failed to parse WKT: ${error.reason}`)
  }
  return toWkt(geometry, javaDoubleToString)
}

function toSpatial(value: EsqlScalar, type: string): EsqlScalar {
  return SPATIAL_TYPES.has(type) ? value : wktValue(String(value))
}

/** SpatialCoordinateTypes.wkbAsPoint: the point a value holds. */
export function pointOf(value: EsqlScalar): { x: number; y: number } {
  const geometry = parseWkt(String(value), false)
  if (geometry.type !== 'Point') {
    throw new EvaluationFailure(`${ILLEGAL_ARGUMENT}: Unsupported geometry: ${geometry.type.toUpperCase()}`)
  }
  return geometry.point ?? { x: NaN, y: NaN }
}

export const SPATIAL_POINT: ArgType = {
  accepts: (t) => t === 'geo_point' || t === 'cartesian_point',
  expected: 'geo_point or cartesian_point',
}

export const SPATIAL_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['to_geopoint', conversion('geo_point', toSpatial)],
  ['to_geoshape', conversion('geo_shape', toSpatial)],
  ['to_cartesianpoint', conversion('cartesian_point', toSpatial)],
  ['to_cartesianshape', conversion('cartesian_shape', toSpatial)],
  ['st_x', conversion('double', (v) => pointOf(v).x, SPATIAL_POINT)],
  ['st_y', conversion('double', (v) => pointOf(v).y, SPATIAL_POINT)],
]

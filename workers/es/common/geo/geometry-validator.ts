/**
 * libs/geo's GeometryValidators, run on a parsed geometry before it is used: GeographyValidator (geo_shape: every
 * latitude in [-90, 90] and longitude in [-180, 180], "invalid latitude 100.0; must be between -90.0 and 90.0",
 * "invalid longitude 500.0; must be between -180.0 and 180.0", NaN refused the same way) and StandardValidator
 * (shape: coordinates as given); both refuse a third value when ignore_z_value is false ("found Z value [1.0] but
 * [ignore_z_value] parameter is [false]"). Checks run in the geometry's order, latitude before longitude per point.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'
import { coordinatesOf, type Geometry } from './geometry.ts'

export type CoordinateSystem = 'geo' | 'cartesian'

function checkLatitude(y: number): void {
  if (Number.isNaN(y) || y < -90 || y > 90) {
    throw illegalArgumentException(
      `invalid latitude ${javaDoubleToString(y)}; must be between -90.0 and 90.0`,
    )
  }
}

function checkLongitude(x: number): void {
  if (Number.isNaN(x) || x < -180 || x > 180) {
    throw illegalArgumentException(
      `invalid longitude ${javaDoubleToString(x)}; must be between -180.0 and 180.0`,
    )
  }
}

function checkAltitude(z: number, ignoreZValue: boolean): void {
  if (!ignoreZValue && !Number.isNaN(z)) {
    throw illegalArgumentException(
      `found Z value [${javaDoubleToString(z)}] but [ignore_z_value] parameter is [false]`,
    )
  }
}

/** The validator of a coordinate system (see the header); throws its first failure. */
export function validateGeometry(geometry: Geometry, system: CoordinateSystem, ignoreZValue: boolean): void {
  if (geometry.type === 'Envelope') {
    const b = geometry.bounds
    if (b !== null && system === 'geo') {
      checkLatitude(b.minY)
      checkLatitude(b.maxY)
      checkLongitude(b.minX)
      checkLongitude(b.maxX)
    }
    return
  }
  if (geometry.type === 'GeometryCollection') {
    for (const member of geometry.geometries) validateGeometry(member, system, ignoreZValue)
    return
  }
  for (const c of coordinatesOf(geometry)) {
    if (system === 'geo') {
      checkLatitude(c.y)
      checkLongitude(c.x)
    }
    checkAltitude(c.z, ignoreZValue)
  }
}

/**
 * The lookup of a `geo_match` enrich policy (GeoMatchProcessor, ES 8.17): the document's value is read as
 * GeometryParser.parseGeometry reads an object (a list of two numbers is a point `[lon, lat]`, any other list a
 * collection of its members' geometries; an object with `lat` and `lon`, or a string starting with a digit or without
 * `(`, a geo point; anything else GeoJSON or WKT, with the processor's `orientation` and coerce), then every enrich
 * document whose match field's shape stands in the processor's `shape_relation` (intersects by default) to it matches,
 * as the GeoShapeQueryBuilder the processor runs against the enrich index would match it (shape-queries.ts'
 * relations on the stored shapes' quantised components). An enrich document's match field is read as its geo_shape
 * mapping reads it; one that does not parse matches nothing.
 */
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { parseGeoPoint } from '../../common/geo/geo-point-parser.ts'
import type { Geometry } from '../../common/geo/geometry.ts'
import { componentsOf, type Component } from '../../common/geo/shape-components.ts'
import { relate, type ShapeRelation } from '../../common/geo/shape-relations.ts'
import { parseGeometry } from '../../index/mapper/shape-field.ts'
import { quantizer } from '../../index/mapper/shape-doc-values.ts'
import { matchFieldValue } from './enrich-lookup.ts'

function pointGeometry(value: XContentValue): Geometry {
  const { lat, lon } = parseGeoPoint(value)
  return { type: 'Point', point: { x: lon, y: lat, z: NaN } }
}

function isPoint(value: XContentValue): boolean {
  if (value instanceof Map) return value.has('lat') && value.has('lon')
  if (typeof value === 'string') return /^[0-9]/.test(value) || !value.includes('(')
  return false
}

/** GeometryParser.parseGeometry(Object) with orientation `right`, coerce and ignore_z_value. */
function queryGeometry(value: XContentValue, right: boolean): Geometry {
  if (Array.isArray(value)) {
    if (value.length === 2 && value[0] instanceof XNumber) return pointGeometry(value)
    return { type: 'GeometryCollection', geometries: value.map((member) => queryGeometry(member, right)) }
  }
  if (isPoint(value)) return pointGeometry(value)
  return (
    parseGeometry(value, { system: 'geo', right, coerce: true, ignoreZValue: true }) ?? {
      type: 'GeometryCollection',
      geometries: [],
    }
  )
}

function storedComponents(value: XContentValue): Component[] {
  const values = Array.isArray(value) ? value : [value]
  const quantize = quantizer('geo')
  return values.flatMap((member) => {
    try {
      const geometry = parseGeometry(member, {
        system: 'geo',
        right: true,
        coerce: false,
        ignoreZValue: true,
      })
      return geometry === null ? [] : componentsOf(geometry, quantize, true)
    } catch {
      return []
    }
  })
}

/** Whether an enrich document matches the document's value (see the header); throws the value's parse failure. */
export function geoMatcher(
  value: XContentValue,
  relation: ShapeRelation,
  right: boolean,
  matchField: string,
): (source: XContentObject) => boolean {
  const query = componentsOf(queryGeometry(value, right), (x, y) => [x, y], true)
  return (source) => {
    const stored = matchFieldValue(source, matchField)
    const components = stored === undefined || stored === null ? [] : storedComponents(stored)
    return components.length > 0 && query.length > 0 && relate(components, query, relation)
  }
}

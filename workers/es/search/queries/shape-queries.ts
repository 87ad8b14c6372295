/**
 * The `geo_shape` query (GeoShapeQueryBuilder) and x-pack spatial's `shape` query (ShapeQueryBuilder), as
 * AbstractGeometryQueryBuilder parses them: `{"<field>": {"shape": <GeoJSON or WKT>, "relation": r} | {"indexed_shape":
 * {...}}, "ignore_unmapped", "boost", "_name"}` (an indexed shape is recorded for the coordinating node's rewrite,
 * indexed-shape.ts, which fetches it and gives the query the shape found). The relation is intersects (the default), disjoint, within or
 * contains, in any case ("Unknown shape operation [x ]" else); a second field object is "point specified twice. [f]",
 * another key "query does not support [k]", neither shape nor indexed_shape "either shape or indexedShapeId is
 * required". The shape is read by GeometryParser(orientation right, coerce, ignore_z_value) and validated (the globe's
 * ranges for geo_shape); a line with `within` is "Field [f] found an unsupported shape Line". A circle is related as
 * Lucene's Circle2D relates it (common/geo/circle-2d.ts): a geo_shape query's by haversine distance, a shape query's
 * as LuceneGeometriesUtils.toXYCircle hands it over, an XYCircle of the centre and radius cast to floats, by planar
 * distance; its radius must be above 0 ("radius must be bigger than 0, got 0.0", an illegal_argument_exception on a
 * point field, ShapeQueryProcessor's query_shard_exception "Exception creating query on Field [f] <that>" on a shape
 * field).
 *
 * The field: unmapped is query_shard_exception "failed to find type for field [f]" unless ignore_unmapped; geo_shape
 * runs on geo_shape and geo_point fields (GeoShapeQueryable), shape on shape and point fields; any other is "Field [f] is of
 * unsupported type [t] for [q] query". On a shard the query relates every live document's stored shape (its doc
 * values, shape-doc-values.ts; a geo_point's points) to the query's components (common/geo/shape-relations.ts:
 * points of a geo query quantised as GeoShapeUtils.toLucenePoint does, every coordinate of a shape query as a float)
 * and hands the index the documents that match (script-queries.ts documentsQuery), each scoring the boost. A
 * document without a value never matches, disjoint included. Built without a shard (the coordinating node's check,
 * `_validate/query`; the shards that run it build it again, buildQueryOnShard) the query is a placeholder leaf that
 * matches nothing.
 * A field inside a nested object is refused as not available: the documents selected are root documents.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { javaFloatToString, type XContentObject } from '../../xcontent/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { quantize } from '../../common/geo/geo-encoding.ts'
import type { Coordinate, Geometry } from '../../common/geo/geometry.ts'
import { componentsOf, type Component } from '../../common/geo/shape-components.ts'
import { relate, type QueryComponent, type ShapeRelation } from '../../common/geo/shape-relations.ts'
import { geoCircle, xyCircle, type Circle2D } from '../../common/geo/circle-2d.ts'
import { geoPointsOf } from '../../index/mapper/geo-point-field.ts'
import { parseGeometry } from '../../index/mapper/shape-field.ts'
import { quantizer, shapeComponentsOf } from '../../index/mapper/shape-doc-values.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import {
  boostOf,
  parsingErrorAt,
  scalarText,
  type QueryContext,
  type ShardFieldValues,
} from './query-parsing.ts'
import { documentsQuery } from './script-queries.ts'
import { parseIndexedShape, recordIndexedShape, type IndexedShape } from './indexed-shape.ts'

type QueryName = 'geo_shape' | 'shape'

const RELATIONS: readonly ShapeRelation[] = ['intersects', 'disjoint', 'within', 'contains']

/** The field types each query runs on. */
const QUERYABLE: Readonly<Record<QueryName, readonly string[]>> = {
  geo_shape: ['geo_shape', 'geo_point'],
  shape: ['shape', 'point'],
}

interface ParsedShapeQuery {
  field: string
  /** The shape, or the indexed shape the coordinating node's rewrite replaces by it. */
  shape: Geometry | IndexedShape
  relation: ShapeRelation
}

function parseFieldOptions(name: QueryName, field: string, options: XContentObject): ParsedShapeQuery {
  let shape: Geometry | null = null
  let indexed: IndexedShape | null = null
  let relation: ShapeRelation = 'intersects'
  for (const [key, value] of options) {
    if (key === 'relation') {
      const text = scalarText(value) ?? ''
      const found = RELATIONS.find((r) => r === text.toLowerCase())
      if (found === undefined)
        throw parsingErrorAt(options, key, 'value', `Unknown shape operation [${text} ]`)
      relation = found
    } else if (key === 'shape') {
      const system = name === 'geo_shape' ? 'geo' : 'cartesian'
      shape = parseGeometry(value, { system, right: true, coerce: true, ignoreZValue: true })
    } else if (key === 'indexed_shape') {
      if (!(value instanceof Map))
        throw illegalArgumentException(
          `[${name}] query's [indexed_shape] other than an object is not available in the playground`,
        )
      indexed = parseIndexedShape(value)
    } else if (key !== 'strategy' || name !== 'geo_shape') {
      throw parsingErrorAt(options, key, 'value', `query does not support [${key}]`)
    }
  }
  const given = shape ?? indexed
  if (given === null) throw illegalArgumentException('either shape or indexedShapeId is required')
  return { field, shape: given, relation }
}

function parseShapeQuery(name: QueryName, body: XContentObject): ParsedShapeQuery {
  let parsed: ParsedShapeQuery | null = null
  for (const [key, value] of body) {
    if (value instanceof Map) {
      if (parsed !== null) throw parsingErrorAt(body, key, 'value', `point specified twice. [${key}]`)
      parsed = parseFieldOptions(name, key, value)
    } else if (key !== 'boost' && key !== '_name' && key !== 'ignore_unmapped') {
      throw parsingErrorAt(body, key, 'value', `query does not support [${key}]`)
    }
  }
  if (parsed === null) throw illegalArgumentException('fieldName is required')
  return parsed
}

/** The query shape's components, as the field type's query processor hands them to Lucene. */
function queryComponents(
  name: QueryName,
  { shape, field, relation }: ParsedShapeQuery & { shape: Geometry },
  context: QueryContext,
): QueryComponent[] {
  const refuse = (kind: string): never => {
    throw queryShardException(`Field [${field}] found an unsupported shape ${kind}`, context.index)
  }
  const check = (geometry: Geometry): void => {
    if (geometry.type === 'GeometryCollection') geometry.geometries.forEach(check)
    else if (relation === 'within' && (geometry.type === 'LineString' || geometry.type === 'MultiLineString'))
      refuse('Line')
  }
  check(shape)
  if (name === 'shape') {
    const circles = circlesOf(shape, (c) => xyCircleOf(c, field, context))
    return [...componentsOf(shape, quantizer('cartesian'), false), ...circles]
  }
  const components = componentsOf(shape, (x, y) => [x, y], true).map((component): Component => {
    if (component.kind !== 'point') return component
    const { lat, lon } = quantize({ lat: component.y, lon: component.x })
    return { kind: 'point', x: lon, y: lat }
  })
  const geoCircles = circlesOf(shape, ({ center, radiusMeters }) =>
    geoCircle(center.x, center.y, radiusMeters),
  )
  return [...components, ...geoCircles]
}

interface QueryCircle {
  readonly center: Coordinate
  readonly radiusMeters: number
}

/** A query shape's circles (every non-empty one, collections walked), each as `make` hands it to Lucene. */
function circlesOf(geometry: Geometry, make: (circle: QueryCircle) => Circle2D): Circle2D[] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap((g) => circlesOf(g, make))
  if (geometry.type !== 'Circle' || geometry.center === null) return []
  return [make({ center: geometry.center, radiusMeters: geometry.radiusMeters })]
}

/** LuceneGeometriesUtils.toXYCircle: the XYCircle of a shape query's circle, its radius checked as XYCircle does. */
function xyCircleOf({ center, radiusMeters }: QueryCircle, field: string, context: QueryContext): Circle2D {
  const radius = Math.fround(radiusMeters)
  const problem =
    radius <= 0
      ? `radius must be bigger than 0, got ${javaFloatToString(radius)}`
      : !Number.isFinite(radius)
        ? `radius must be finite, got ${javaFloatToString(radius)}`
        : null
  if (problem !== null) {
    if (context.fields.get(field)?.type === 'point') throw illegalArgumentException(problem)
    throw queryShardException(`Exception creating query on Field [${field}] ${problem}`, context.index)
  }
  return xyCircle(Math.fround(center.x), Math.fround(center.y), radius)
}

function ignoreUnmapped(body: XContentObject): boolean {
  const value = body.get('ignore_unmapped')
  if (value === undefined) return false
  return typeof value === 'boolean' ? value : parseBoolean(scalarText(value) ?? '')
}

function shapeQuery(name: QueryName, body: XContentObject, context: QueryContext): IndexQuery {
  const parsed = parseShapeQuery(name, body)
  const { shape } = parsed
  if ('id' in shape) {
    recordIndexedShape(name, { shape, body, field: parsed.field }, context)
    return { type: 'matchNone' }
  }
  const mapping = context.fields.get(parsed.field)
  if (mapping === undefined) {
    if (ignoreUnmapped(body) || context.index === undefined) return { type: 'matchNone' }
    throw queryShardException(`failed to find type for field [${parsed.field}]`, context.index)
  }
  if (!QUERYABLE[name].includes(mapping.type)) {
    throw queryShardException(
      `Field [${parsed.field}] is of unsupported type [${mapping.type}] for [${name}] query`,
      context.index,
    )
  }
  return matchingShapes(
    parsed.field,
    mapping,
    queryComponents(name, { ...parsed, shape }, context),
    parsed.relation,
    boostOf(body),
    context,
  )
}

/**
 * The documents whose stored shape in `field` (a geo_shape, shape or geo_point field) stands in `relation` to the
 * query's components, each scoring `boost` (see the header); also geo_bounding_box's on a geo_shape field.
 */
export function matchingShapes(
  field: string,
  mapping: FieldMapping,
  query: readonly QueryComponent[],
  relation: ShapeRelation,
  boost: number,
  context: QueryContext,
): IndexQuery {
  if (mapping.index === false && mapping.doc_values === false) {
    throw failedToCreateQuery(
      context.index,
      'illegal_argument_exception',
      `Cannot search on field [${field}] since it is not indexed nor has doc values.`,
    )
  }
  for (const path of context.nested?.paths.keys() ?? []) {
    if (field.startsWith(`${path}.`))
      throw illegalArgumentException(
        `shape queries on fields inside nested objects are not available in the playground`,
      )
  }
  if (query.length === 0) return { type: 'matchNone' }
  const pending: PendingShapeQuery = { field, relation, query }
  return context.shard === undefined
    ? pendingLeaf(pending, boost)
    : resolve(pending, mapping, boost, context.shard)
}

/** What a shard needs to run a shape query built without it. */
interface PendingShapeQuery {
  field: string
  relation: ShapeRelation
  query: readonly QueryComponent[]
}

/** The leaf standing for a shape query until a shard resolves it: a term on a field no mapping has (matches none). */
const PENDING_FIELD = '\u0000shape_query'

function pendingLeaf(pending: PendingShapeQuery, boost: number): IndexQuery {
  return { type: 'term', field: PENDING_FIELD, term: JSON.stringify(pending), boost }
}

function resolve(
  { field, relation, query }: PendingShapeQuery,
  mapping: FieldMapping,
  boost: number,
  shard: ShardFieldValues,
): IndexQuery {
  const scripting = shard.scripting()
  const stored = (words: readonly number[]): Component[] => {
    if (mapping.type === 'geo_point') {
      return geoPointsOf(words).map((p): Component => ({ kind: 'point', x: p.lon, y: p.lat }))
    }
    return shapeComponentsOf(mapping.type === 'geo_shape' ? 'geo' : 'cartesian', words)
  }
  const selected: string[] = []
  const others: string[] = []
  for (const { docId, id } of scripting.liveDocs()) {
    const words = scripting.docValues.values(field, docId) as readonly number[]
    const components = words.length === 0 ? [] : stored(words)
    if (components.length > 0 && relate(components, query, relation)) selected.push(id)
    else others.push(id)
  }
  return documentsQuery(selected, others, boost)
}

export function geoShapeQuery(body: XContentObject, context: QueryContext): IndexQuery {
  return shapeQuery('geo_shape', body, context)
}

export function cartesianShapeQuery(body: XContentObject, context: QueryContext): IndexQuery {
  return shapeQuery('shape', body, context)
}

/**
 * The readers of the field types whose mapper reads a `_source` value whole rather than leaf by leaf (geo points
 * and shapes, flattened, histogram, aggregate_metric_double, completion, join, dense_vector, rank_features,
 * sparse_vector, percolator, the range types), by type: each turns the value into the leaf values the document
 * walk (document-parser.ts) adds under their paths, through the walk's ObjectFieldWalk.
 * A reader's `whole` says which null and array values it reads itself: `all` both (an array is its mapper's, a null
 * its null_value or nothing), `null` only null (an array's elements are visited one by one as values of the field),
 * `none` neither. `readsObjects`: FieldMapper.supportsParsingObject, so under `subobjects: false` an object given to
 * the field is its value and not flattened into dotted leaves.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { DocFields, LeafValue } from './doc-fields.ts'
import type { IndexMapperSettings } from './document-parser.ts'
import { geoPointValues } from './geo-point-field.ts'
import { SHAPE_FIELD_TYPES, shapeFieldValues } from './shape-field.ts'
import { completionValues } from './completion-field.ts'
import { ignoresMalformed } from './field-parameters.ts'
import { joinValues, type JoinDocument } from './join-field.ts'
import { denseVectorValue, dimensionCount } from './dense-vector-values.ts'
import { rankFeaturesValues } from './rank-feature-field.ts'
import { indexSparseVector } from './sparse-vector-field.ts'
import { rangeValues } from './range-field.ts'
import { rangeToField, RANGE_TYPES } from './range-type.ts'
import { FLATTENED, flattenedValues, KEYED_FIELD_SUFFIX } from './flattened-field.ts'
import { HISTOGRAM, histogramValues } from './histogram-field.ts'
import { AGGREGATE_METRIC_DOUBLE, aggregateMetricValue } from './aggregate-metric-double-field.ts'

/** What a reader reads of, and does to, the walk of one document. */
export interface ObjectFieldWalk {
  /** The document's id, naming it in a failure; null when a value is read again after its primary took it. */
  readonly id: string | null
  readonly settings: IndexMapperSettings
  readonly joinDocument: JoinDocument | null
  /** A leaf value into its document and the documents that document's values are copied into. */
  addValue(doc: DocFields, path: string, mapping: FieldMapping, leaf: LeafValue): void
  /** Lists the field as ignored for a value its mapper dropped as malformed. */
  markMalformed(path: string): void
  /** A percolator field's query: one per field in a document, checked. */
  addPercolatorQuery(path: string, value: XContentValue): void
  /** Replaces field `name` of `parent` (a mapping update); false when the read-only walk gives up instead. */
  updateField(parent: Record<string, FieldMapping>, name: string, field: FieldMapping): boolean
}

export interface ObjectFieldReader {
  readonly whole: 'all' | 'null' | 'none'
  readonly readsObjects: boolean
  read(
    walk: ObjectFieldWalk,
    doc: DocFields,
    path: string,
    name: string,
    field: FieldMapping,
    value: XContentValue,
    parent: Record<string, FieldMapping>,
  ): void
}

type Read = ObjectFieldReader['read']

/** A reader that adds each value `values` gives under the field's path. */
function eachValue(
  values: (
    walk: ObjectFieldWalk,
    path: string,
    field: FieldMapping,
    value: XContentValue,
  ) => Iterable<LeafValue>,
): Read {
  return (walk, doc, path, _name, field, value) => {
    for (const leaf of values(walk, path, field, value)) walk.addValue(doc, path, field, leaf)
  }
}

/** Read again after its primary took it (id null), a point or shape is dropped or normalised rather than failing. */
const lenient = (walk: ObjectFieldWalk): boolean => walk.id === null || walk.settings.ignoreMalformed

const readGeoPoints = eachValue((walk, path, field, value) =>
  geoPointValues(path, field, value, lenient(walk)),
)

/** A shape field's value (shape-field.ts): each geometry's WKT text. */
const readShapes = eachValue((walk, path, field, value) =>
  shapeFieldValues(path, field, value, lenient(walk)),
)

/** A flattened field's value: its leaves under its path and, as `key\0value`, under its keyed field's. */
const readFlattened: Read = (walk, doc, path, _name, field, value) => {
  const { root, keyed } = flattenedValues(path, field, value, walk.id, walk.settings.ignoreAbove)
  const keyedPath = path + KEYED_FIELD_SUFFIX
  for (let i = 0; i < root.length; i++) {
    walk.addValue(doc, path, field, root[i]!)
    walk.addValue(doc, keyedPath, field, keyed[i]!)
  }
}

/** A histogram field's value (histogram-field.ts): at most one encoded histogram per document. */
const readHistogram: Read = (walk, doc, path, _name, field, value) => {
  const ignoreMalformed = ignoresMalformed(field, walk.settings.ignoreMalformed)
  const parsed = histogramValues(path, value, walk.id, ignoreMalformed, doc.entry(path) !== undefined)
  for (const encoded of parsed.encoded) walk.addValue(doc, path, field, encoded)
  if (parsed.malformed && ignoreMalformed) walk.markMalformed(path)
}

/**
 * An aggregate_metric_double field's object (aggregate-metric-double-field.ts): its default metric under its path,
 * each metric under its own.
 */
const readAggregateMetric: Read = (walk, doc, path, _name, field, value) => {
  const ignoreMalformed = ignoresMalformed(field, walk.settings.ignoreMalformed)
  const parsed = aggregateMetricValue(
    path,
    field,
    value,
    walk.id,
    ignoreMalformed,
    doc.entry(path) !== undefined,
  )
  if (parsed === 'dropped') {
    if (ignoreMalformed) walk.markMalformed(path)
    return
  }
  if (parsed === null) return
  walk.addValue(doc, path, field, parsed.value)
  for (const metric of parsed.metrics) walk.addValue(doc, metric.field, metric.mapping, metric.value)
}

/** A join field's value: its relation name and parent-id values (join-field.ts). */
const readJoin: Read = (walk, doc, path, _name, field, value) => {
  for (const joined of joinValues(path, field, value, walk.joinDocument, walk.id !== null))
    walk.addValue(doc, joined.path, joined.mapping, joined.value)
}

/**
 * A dense_vector's value (dense-vector-values.ts): its elements in order. A field mapped without `dims` takes them
 * from its first vector (a mapping update; ES then parses the document again under it, as the walk goes on to).
 */
const readDenseVector: Read = (walk, doc, path, name, mapped, value, parent) => {
  let field = mapped
  if (field.dims === undefined && value !== null) {
    field = { ...field, dims: dimensionCount(value) }
    if (!walk.updateField(parent, name, field)) return
  }
  const vector = denseVectorValue(path, field, value, walk.id)
  if (vector !== null) for (const x of vector) walk.addValue(doc, path, field, x)
}

/** A rank_features field's value: each feature's stored value into its own index field (rank-feature-field.ts). */
const readRankFeatures: Read = (walk, doc, path, _name, field, value) => {
  for (const [indexField, stored] of rankFeaturesValues(path, field, value, doc))
    walk.addValue(doc, indexField, field, stored)
}

/**
 * A range field's value (range-field.ts): each range's lower bound under its path, its upper bound under
 * rangeToField's (range-type.ts).
 */
const readRanges: Read = (walk, doc, path, name, field, value) => {
  for (const { from, to } of rangeValues(path, name, field, value, walk.id)) {
    walk.addValue(doc, path, field, from)
    walk.addValue(doc, rangeToField(path), field, to)
  }
}

const reader = (whole: ObjectFieldReader['whole'], read: Read, readsObjects = true): ObjectFieldReader => ({
  whole,
  readsObjects,
  read,
})

export const OBJECT_FIELD_READERS: ReadonlyMap<string, ObjectFieldReader> = new Map([
  ['geo_point', reader('all', readGeoPoints)],
  ...[...SHAPE_FIELD_TYPES].map((type): [string, ObjectFieldReader] => [type, reader('all', readShapes)]),
  [FLATTENED, reader('all', readFlattened)],
  [HISTOGRAM, reader('all', readHistogram)],
  [AGGREGATE_METRIC_DOUBLE, reader('none', readAggregateMetric)],
  [
    'completion',
    reader(
      'all',
      eachValue((walk, path, _field, value) => completionValues(path, value, walk.id)),
    ),
  ],
  ['join', reader('all', readJoin)],
  ['dense_vector', reader('all', readDenseVector, false)],
  ['rank_features', reader('null', readRankFeatures)],
  [
    'sparse_vector',
    reader('null', (_walk, doc, path, _name, field, value) => indexSparseVector(doc, path, field, value)),
  ],
  [
    'percolator',
    reader('none', (walk, _doc, path, _name, _field, value) => walk.addPercolatorQuery(path, value)),
  ],
  ...[...RANGE_TYPES.keys()].map((type): [string, ObjectFieldReader] => [type, reader('all', readRanges)]),
])

/**
 * FROM: the indices an index pattern list names (resolved as ES SQL resolves them, sql/index-resolver.ts;
 * `Unknown index [x]` when nothing matches) and their columns: every mapped leaf (objects flattened as `a.b`,
 * multi-fields such as `a.keyword` included) in name order with its ES|QL type, then the METADATA fields asked
 * for (`_id`, `_index` keyword, `_version` long, `_score` double, `_ignored` keyword).
 * Rows are read through the search action, `size` up to index.max_result_window, with the request's
 * `filter` and the query the leading WHEREs translate to (esql-pushdown.ts) as its query; a field's values
 * come from the `fields` section (dates as epoch_millis, spatial fields as WKT: ES|QL reads them from _source,
 * unquantised) and, except for text and spatial values (read from _source, in its order), are sorted as doc values are (keyword, ip and version also deduplicated, as a sorted set); a field with
 * no value is null. Each row can come with the `_source` its index stored (ENRICH's range and geo_match lookups read
 * their match field from it).
 */
import type { RestContext } from '../rest/rest-context.ts'
import { resolveIndex, type EsField } from '../sql/index-resolver.ts'
import { sqlParsingException, verificationException } from '../sql/sql-exceptions.ts'
import { runSearch } from '../sql/sql-search.ts'
import { XNumber, parseJson, type JsonOut, type XContentValue } from '../xcontent/index.ts'
import type { EsqlCommand } from './esql-ast.ts'
import type { EsqlColumn, Row } from './esql-compiler.ts'
import { SPATIAL_TYPES, cellOf, esqlTypeOfField, type EsqlScalar, type EsqlValue } from './esql-values.ts'

const METADATA_TYPES: Readonly<Record<string, string>> = {
  _id: 'keyword',
  _index: 'keyword',
  _version: 'long',
  _score: 'double',
  _ignored: 'keyword',
}

/** The types whose doc values are a sorted set (deduplicated); numbers, dates and booleans keep duplicates. */
const SORTED_SET_TYPES = new Set(['keyword', 'ip', 'version'])

/** The most documents a FROM reads (index.max_result_window's default). */
const MAX_DOCUMENTS = 10000

export interface EsRelation {
  readonly indices: readonly string[]
  readonly fields: ReadonlyMap<string, EsField>
  readonly columns: readonly EsqlColumn[]
  readonly metadata: readonly string[]
}

export function resolveFrom(context: RestContext, from: Extract<EsqlCommand, { kind: 'from' }>): EsRelation {
  from.metadata.forEach((name, i) => {
    if (METADATA_TYPES[name] === undefined) {
      throw sqlParsingException(from.metadataAt[i]!, `unsupported metadata field [${name}]`)
    }
  })
  const index = resolveIndex(context.indices, from.indices)
  if (index === null)
    throw verificationException([{ at: from.at, message: `Unknown index [${from.indices}]` }])
  const columns: EsqlColumn[] = [...index.fields.values()].map((f) => {
    const type = esqlTypeOfField(f.esType)
    return type === 'geo_point' || type === 'cartesian_point'
      ? { name: f.name, type, docValues: true }
      : { name: f.name, type }
  })
  for (const name of from.metadata) columns.push({ name, type: METADATA_TYPES[name]! })
  return { indices: index.names, fields: index.fields, columns, metadata: from.metadata }
}

function scalarOf(value: XContentValue, type: string): EsqlScalar | null {
  if (value instanceof XNumber) return value.value
  if (type === 'date' && typeof value === 'string') return Number(value)
  if (typeof value === 'string' || typeof value === 'boolean') return value
  return null
}

function cell(list: XContentValue | undefined, type: string): EsqlValue {
  if (list === undefined || type === 'unsupported') return null
  const values = (Array.isArray(list) ? list : [list])
    .map((v) => scalarOf(v, type))
    .filter((v): v is EsqlScalar => v !== null)
  if (type === 'text' || SPATIAL_TYPES.has(type)) return cellOf(values)
  const docValues = SORTED_SET_TYPES.has(type) ? [...new Set(values)] : values
  return cellOf(docValues.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** A row with the `_source` its index stored (null when its mapping keeps none). */
export interface SourcedRow {
  readonly row: Row
  readonly source: string | null
}

/** The rows of the relation the query (null for all documents) matches. */
export async function readRows(
  context: RestContext,
  relation: EsRelation,
  query: JsonOut | null,
  now: number,
): Promise<Row[]> {
  return (await readSourcedRows(context, relation, query, now)).map(({ row }) => row)
}

/** readRows, each row with its document's stored `_source`. */
export async function readSourcedRows(
  context: RestContext,
  relation: EsRelation,
  query: JsonOut | null,
  now: number,
): Promise<SourcedRow[]> {
  const fields = [...relation.fields.values()]
    .filter((f) => esqlTypeOfField(f.esType) !== 'unsupported')
    .map((f) => {
      if (f.esType === 'date') return { field: f.name, format: 'epoch_millis' }
      return SPATIAL_TYPES.has(esqlTypeOfField(f.esType))
        ? { field: f.name, format: 'wkt' }
        : { field: f.name }
    })
  const source = new Map<string, JsonOut>([
    ['size', MAX_DOCUMENTS],
    ['_source', false],
    ['fields', fields],
    ['sort', ['_doc']],
  ])
  if (query !== null) source.set('query', query)
  if (relation.metadata.includes('_score')) source.set('track_scores', true)
  const result = await runSearch(context, relation.indices, source, now)
  return result.hits.map((hit) => {
    const section = hit.documentFields?.fields
    const parsed = section ? parseJson(section) : null
    const values = parsed instanceof Map ? parsed : new Map<string, XContentValue>()
    const row = relation.columns.map(({ name, type }): EsqlValue => {
      switch (name) {
        case '_id':
          return hit.doc.id
        case '_index':
          return hit.index
        case '_version':
          return hit.doc.version
        case '_score':
          return hit.score ?? 0
        case '_ignored':
          return cellOf(hit.ignored)
        default:
          return cell(values.get(name), type)
      }
    })
    return { row, source: hit.source }
  })
}

/**
 * TermVectorsRequest as `_termvectors` and `_mtermvectors` read it: one document's index, id, routing,
 * selected fields and flags. Defaults are TermVectorsRequest's: positions, offsets, payloads and
 * field_statistics on, term_statistics off, realtime on.
 * - parseTermVectorsBody is TermVectorsRequest.parseRequest: the keys of one body object (a `_termvectors`
 *   body, an `_mtermvectors` `docs` entry or its `parameters`) set on the request they are read into;
 *   `fields` must be an array and replaces the selection when it names any field; other keys are
 *   ES's parse_exception "unknown field". A key ES knows but the playground does not run (`doc`,
 *   `per_field_analyzer`, `filter`) is refused with an illegal_argument_exception naming it.
 * - readUriParameters is RestTermVectorsAction.readURIParameters: `fields` (comma-separated, whitespace
 *   removed) adds to the selection, the flags are strict booleans, and `routing` replaces the request's
 *   routing (also with none, as ES's `routing(request.param("routing"))` does).
 * - `version` / `version_type` (body: XContentParser.longValue and VersionType.fromString; URL: RestActions.parseVersion
 *   and VersionType.fromString over what the body set) are checked against the document found, as the shard's
 *   Engine.Get does (term-vectors-action.ts).
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { parseBoolean, urlFlag } from '../../common/booleans.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { INTERNAL_MATCH_ANY, versionTypeFromString, type Versioning } from '../../index/version-type.ts'
import { bodyLongValue, versioningParams } from './write-params.ts'

export interface TermVectorsFlags {
  positions: boolean
  offsets: boolean
  payloads: boolean
  termStatistics: boolean
  fieldStatistics: boolean
}

export interface TermVectorsRequest extends TermVectorsFlags {
  index: string | null
  id: string | null
  fields: string[] | null
  routing: string | null
  realtime: boolean
  versioning: Versioning
}

export function newTermVectorsRequest(index: string | null, id: string | null): TermVectorsRequest {
  return {
    index,
    id,
    fields: null,
    routing: null,
    realtime: true,
    versioning: INTERNAL_MATCH_ANY,
    positions: true,
    offsets: true,
    payloads: true,
    termStatistics: false,
    fieldStatistics: true,
  }
}

/** `new TermVectorsRequest(other)`: an independent copy. */
export function copyTermVectorsRequest(other: TermVectorsRequest): TermVectorsRequest {
  return { ...other, fields: other.fields === null ? null : [...other.fields] }
}

const FLAG_KEYS: Record<string, keyof TermVectorsFlags> = {
  positions: 'positions',
  offsets: 'offsets',
  payloads: 'payloads',
  term_statistics: 'termStatistics',
  termStatistics: 'termStatistics',
  field_statistics: 'fieldStatistics',
  fieldStatistics: 'fieldStatistics',
}

const NOT_RUN = new Set(['doc', 'per_field_analyzer', 'perFieldAnalyzer', 'filter'])

/** TermVectorsRequest.parseRequest: the keys of `body` read into `request`. */
export function parseTermVectorsBody(request: TermVectorsRequest, body: XContentObject): void {
  for (const [key, value] of body) {
    const flag = FLAG_KEYS[key]
    if (flag !== undefined) {
      request[flag] = typeof value === 'boolean' ? value : parseBoolean(textOf(value))
    } else if (key === 'fields') {
      if (!Array.isArray(value)) throw termVectorsParseException('field [fields] must be an array')
      if (value.length > 0) request.fields = value.map(textOf)
    } else if (key === '_index') {
      request.index = textOf(value)
    } else if (key === '_id') {
      request.id = textOf(value)
    } else if (key === 'routing') {
      request.routing = textOf(value)
    } else if (key === 'dfs') {
      throw illegalArgumentException('distributed frequencies is not supported anymore for term vectors')
    } else if (NOT_RUN.has(key)) {
      throw illegalArgumentException(`[${key}] is not supported by this playground`)
    } else if (key === 'version') {
      request.versioning = { ...request.versioning, version: bodyLongValue(textOf(value)) }
    } else if (key === 'version_type') {
      request.versioning = { ...request.versioning, versionType: versionTypeFromString(textOf(value)) }
    } else {
      throw termVectorsParseException(`unknown field [${key}]`)
    }
  }
}

/** RestTermVectorsAction.readURIParameters: the URL's parameters read into `request`. */
export function readUriParameters(request: TermVectorsRequest, params: ReadonlyMap<string, string>): void {
  const fields = params.get('fields')
  if (fields !== undefined) {
    const given = fields.split(',').filter((field) => field.length > 0)
    request.fields = [...new Set([...(request.fields ?? []), ...given.map((f) => f.replace(/\s/g, ''))])]
  }
  request.offsets = urlFlag(params, 'offsets') ?? request.offsets
  request.positions = urlFlag(params, 'positions') ?? request.positions
  request.payloads = urlFlag(params, 'payloads') ?? request.payloads
  request.routing = params.get('routing') ?? null
  request.realtime = urlFlag(params, 'realtime') ?? request.realtime
  request.versioning = versioningParams(params, request.versioning)
  request.termStatistics = urlFlag(params, 'termStatistics') ?? request.termStatistics
  request.termStatistics = urlFlag(params, 'term_statistics') ?? request.termStatistics
  request.fieldStatistics = urlFlag(params, 'fieldStatistics') ?? request.fieldStatistics
  request.fieldStatistics = urlFlag(params, 'field_statistics') ?? request.fieldStatistics
}

/** XContentParser.text() of a scalar; an object or array has none. */
function textOf(value: XContentValue): string {
  const text = scalarText(value)
  if (text === null) throw termVectorsParseException('expected a value, found an object or an array')
  return text
}

function termVectorsParseException(detail: string): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: `failed to parse term vectors request. ${detail}`,
    status: 400,
  })
}

/**
 * BulkRequestParser (8.17, REST API version 8): a `_bulk` NDJSON body to its items, or the one
 * IllegalArgumentException (400) that refuses the whole request before anything is applied.
 *
 * - The body must end with `\n` ("The bulk request must be terminated by a newline [\\n]").
 * - Line numbers count every line, blank ones included; a blank action line is skipped.
 * - An action line is `{"<action>":{<metadata>}}` with action index, create, update or delete, and
 *   metadata keys `_index`, `_id`, `routing`, `op_type`, `version`, `version_type`, `if_seq_no`,
 *   `if_primary_term`, `retry_on_conflict`, `pipeline`, `_source`, `require_alias`,
 *   `require_data_stream`, `list_executed_pipelines`, `dynamic_templates`. Keys after the action object,
 *   data after the closing brace and a missing closing brace are forgiven (8.x only warns about them).
 * - `version` (a long) and `version_type` (VersionType.fromString) are an index, create or delete item's; an update
 *   item with either (other than the defaults) refuses the request, as ES 8 versions updates only by seq_no.
 * - index, create and update take the next line as their source; an action on the last line has
 *   none and is dropped, as ES drops it. An index/create source is parsed when the item runs, so a bad
 *   one fails only its item; an update body is parsed here, and a bad one fails the request.
 */
import {
  illegalArgumentException,
  xContentParseExceptionFromJackson,
  type EsException,
} from '../errors/index.ts'
import {
  ExtraDataError,
  NdjsonTerminationError,
  XNumber,
  parseJson,
  parseNdjson,
  type NdjsonLine,
  type XContentValue,
} from '../xcontent/index.ts'
import { parseRequestBody } from '../rest/request-body.ts'
import type { WriteConditions } from './write-validation.ts'
import {
  INTERNAL_MATCH_ANY,
  MATCH_ANY,
  versionTypeFromString,
  type Versioning,
} from '../index/version-type.ts'
import { parseUpdateRequest, type UpdateRequest } from './update-helper.ts'
import { fetchSourceFromValue, type FetchSourceContext } from './fetch-source.ts'
import { valueToken } from './value-token.ts'
import { setOwn } from '../index/mapper/mapping.ts'
import { javaToString } from '../index/mapper/mapping-parser.ts'

export type BulkOpType = 'index' | 'create' | 'update' | 'delete'

export interface BulkItemRequest extends WriteConditions {
  opType: BulkOpType
  index: string | null
  id: string | null
  routing: string | null
  requireAlias: boolean
  /** index/create: the source line's text; update: its body's text. */
  sourceText: string
  /** update: the parsed body. */
  update: UpdateRequest | null
  /** The ingest pipeline to run (`pipeline`, or the request's `?pipeline=`), or null for the index's default. */
  pipeline: string | null
  fetchSource: FetchSourceContext | null
  /** index/create: `dynamic_templates`, the dynamic template to map each new field's path with. */
  dynamicTemplates: Record<string, string> | null
}

export interface BulkDefaults {
  index: string | null
  pipeline: string | null
  routing: string | null
  requireAlias: boolean
  fetchSource: FetchSourceContext | null
}

const ACTIONS = new Set<string>(['index', 'create', 'update', 'delete'])
const IGNORED = new Set(['require_data_stream', 'list_executed_pipelines'])

export function parseBulkRequest(body: string, defaults: BulkDefaults): BulkItemRequest[] {
  let lines: NdjsonLine[]
  try {
    lines = parseNdjson(body, 'bulk')
  } catch (error) {
    if (error instanceof NdjsonTerminationError) throw illegalArgumentException(error.message)
    throw error
  }
  const items: BulkItemRequest[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const action = actionValue(line)
    if (action === null) continue
    const item = parseAction(action, line.line, defaults)
    if (item.opType === 'delete') {
      items.push(item)
      continue
    }
    const source = lines[++i]
    if (source === undefined) break
    item.sourceText = source.text
    if (item.opType === 'update') {
      item.update = parseUpdateRequest(parseRequestBody(source.text), source.text)
      if (item.fetchSource !== null && item.update.fetchSource === null)
        item.update.fetchSource = item.fetchSource
    }
    items.push(item)
  }
  return items
}

function actionValue(line: NdjsonLine): XContentValue | null {
  if (line.kind === 'blank') return null
  if (line.kind === 'value') return line.value
  if (line.error instanceof ExtraDataError) return parseJson(line.text, { trailing: 'ignore' })
  if (line.error.exception === 'JsonEOFException') {
    // checkBulkActionIsProperlyClosed (REST API 8) forgives a missing closing brace of the action object.
    try {
      return parseJson(line.text + '}', { trailing: 'ignore' })
    } catch {
      // More than that brace is missing: the parser's own error stands.
    }
  }
  throw xContentParseExceptionFromJackson(line.error)
}

function malformed(line: number, message: string): EsException {
  return illegalArgumentException(`Malformed action/metadata line [${line}], ${message}`)
}

function parseAction(value: XContentValue, line: number, defaults: BulkDefaults): BulkItemRequest {
  if (!(value instanceof Map)) throw malformed(line, `expected START_OBJECT but found [${valueToken(value)}]`)
  const first = value.entries().next()
  if (first.done) throw malformed(line, 'expected FIELD_NAME but found [END_OBJECT]')
  const [action, metadata] = first.value
  if (!ACTIONS.has(action)) {
    throw malformed(line, `expected field [create], [delete], [index] or [update] but found [${action}]`)
  }
  if (!(metadata instanceof Map)) {
    throw malformed(line, `expected START_OBJECT or END_OBJECT but found [${valueToken(metadata)}]`)
  }
  const item: BulkItemRequest = {
    opType: action as BulkOpType,
    index: defaults.index,
    id: null,
    routing: defaults.routing,
    requireAlias: defaults.requireAlias,
    ifSeqNo: null,
    ifPrimaryTerm: null,
    versioning: INTERNAL_MATCH_ANY,
    sourceText: '',
    update: null,
    fetchSource: defaults.fetchSource,
    pipeline: defaults.pipeline,
    dynamicTemplates: null,
  }
  let opType: string | null = null
  const versioning: Versioning = { ...INTERNAL_MATCH_ANY }
  for (const [key, entry] of metadata)
    readMetadata(item, line, key, entry, versioning, (text) => (opType = text))
  item.versioning = versioning
  if (item.opType === 'index' && opType === 'create') item.opType = 'create'
  if (
    item.opType === 'update' &&
    (versioning.version !== MATCH_ANY || versioning.versionType !== 'internal')
  ) {
    throw illegalArgumentException(
      'Update requests do not support versioning. Please use `if_seq_no` and `if_primary_term` instead',
    )
  }
  return item
}

function readMetadata(
  item: BulkItemRequest,
  line: number,
  key: string,
  value: XContentValue,
  versioning: Versioning,
  opType: (text: string) => void,
): void {
  if (value === null) return
  if (value instanceof Map) {
    if (key === '_source') item.fetchSource = fetchSourceFromValue(value)
    else if (key === 'dynamic_templates') item.dynamicTemplates = dynamicTemplateNames(value)
    else throw malformed(line, `expected a simple value for field [${key}] but found [START_OBJECT]`)
    return
  }
  if (Array.isArray(value))
    throw malformed(line, `expected a simple value for field [${key}] but found [START_ARRAY]`)
  const text = value instanceof XNumber ? value.text : String(value)
  switch (key) {
    case '_index':
      item.index = text
      return
    case '_id':
      item.id = text
      return
    case 'routing':
      item.routing = text
      return
    case 'op_type':
      opType(text)
      return
    case 'version':
      versioning.version = longValue(text)
      return
    case 'version_type':
      versioning.versionType = versionTypeFromString(text)
      return
    case 'if_seq_no':
      item.ifSeqNo = nonNegative(longValue(text), 'sequence numbers must be non negative. got [', '].')
      return
    case 'if_primary_term':
      item.ifPrimaryTerm = nonNegative(longValue(text), 'primary term must be non negative. got [', '].')
      return
    case 'retry_on_conflict':
      nonNegative(longValue(text), 'retry_on_conflict must not be negative. got [', '].')
      return
    case 'require_alias':
      item.requireAlias = text === 'true'
      return
    case 'pipeline':
      item.pipeline = text
      return
    case '_source':
      item.fetchSource = fetchSourceFromValue(value)
      return
  }
  if (!IGNORED.has(key))
    throw illegalArgumentException(`Action/metadata line [${line}] contains an unknown parameter [${key}]`)
}

/** IndexRequest's `dynamic_templates` (parser.mapStrings): each new field's path to a template name. */
function dynamicTemplateNames(value: Map<string, XContentValue>): Record<string, string> {
  const names: Record<string, string> = {}
  for (const [path, name] of value) setOwn(names, path, javaToString(name))
  return names
}

function longValue(text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isInteger(n))
    throw illegalArgumentException(`For input string: "${text}"`)
  return n
}

/** A request setter's refusal of a negative value: `before` + the value + `after`. */
function nonNegative(n: number, before: string, after: string): number {
  if (n < 0) throw illegalArgumentException(before + String(n) + after)
  return n
}

/**
 * `_reindex`'s `source` object as ReindexRequest.PARSER's `source` field parser reads it in ES 8.17: the object is
 * read into a map (XContentParser.map(): a java.util.HashMap at every level), `index` and `remote` are taken out of
 * it (reindex-remote.ts; a remote source's `query` goes to RemoteInfo too), and what is left is written back as
 * compact JSON in that HashMap order and parsed as a search source (SearchSourceBuilder.parseXContent), so an unknown
 * key is the search's "Unknown key for a ... in [x]." located in that rewritten text. Every failure of this parser is
 * ObjectParser's x_content_parse_exception "[reindex] failed to parse field [source]" at the end of `source`, caused
 * by it.
 *
 * The search source is then validated with the request (AbstractBulkByScrollRequest.validate, before any index is
 * resolved): the search's own checks as a scroll search's (the reindex scroll is always set), then the errors the
 * reindex adds (reindex-action.ts), all in one action_request_validation_exception. `parseSearchRequest` parses and
 * validates in one call, so the parse runs once in body order and once more, with the reindex's errors, to validate.
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import {
  JavaDouble,
  toJson,
  valueEndLocation,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { javaHashMapCapacity, javaStringKeyOrder } from '../../../net/java-hash.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { parseSearchRequest, type ParsedSearch } from '../../search/search-request.ts'
import type { TextAnalyzer } from '../../index/mapper/field-indexer.ts'
import { remoteInfo, type RemoteInfo } from './reindex-remote.ts'

export interface ReindexSource {
  /** `index`, comma-joined (undefined when absent). */
  indices: string | undefined
  remote: RemoteInfo | null
  /** The search source parsed from what `source` holds besides `index` and `remote`. */
  search: XContentObject
  /** That search source as the rewritten JSON SearchSourceBuilder parses. */
  searchText: string
}

/** DEFAULT_SCROLL_TIMEOUT: a reindex search is always a scroll. */
const SCROLL = new Map([['scroll', '5m']])

/** A value as parser.map() reads it and XContentBuilder.map writes it back: HashMap order, doubles as Java prints them. */
function asJavaMap(value: XContentValue): JsonOut {
  if (value instanceof XNumber) return value.isInteger ? value : new JavaDouble(value.value)
  if (Array.isArray(value)) return value.map(asJavaMap)
  if (!(value instanceof Map)) return value
  return new Map(javaStringKeyOrder([...value.keys()]).map((key) => [key, asJavaMap(value.get(key)!)]))
}

/** ReindexRequest.extractStringArray: a list, or a comma-separated string. */
function extractIndices(value: XContentValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) return value.map(String).join(',')
  if (typeof value === 'string') return value
  throw illegalArgumentException(
    `Expected [index] to be a list or a string but was [${scalarText(value) ?? ''}]`,
  )
}

/** The `source` field's parser; `analyze` and `now` serve the search source's query checks. */
export function parseReindexSource(
  body: XContentObject,
  source: XContentObject,
  analyze: TextAnalyzer,
  now: number,
): ReindexSource {
  const inSource = <T>(read: () => T): T => {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const [line, col] = valueEndLocation(body, 'source')
      throw xContentParseException(line, col, '[reindex] failed to parse field [source]', error)
    }
  }
  const indices = inSource(() => extractIndices(source.get('index')))
  const remote = remoteInfo(body, source)
  const taken = new Set(['index', 'remote', ...(remote === null ? [] : ['query'])])
  const order = javaStringKeyOrder([...source.keys()], javaHashMapCapacity(source.size))
  const search = new Map<string, XContentValue>()
  for (const key of order) if (!taken.has(key)) search.set(key, source.get(key)!)
  const searchText = toJson(new Map([...search].map(([key, value]) => [key, asJavaMap(value)])))
  inSource(() => {
    try {
      parseSearchRequest(searchText, SCROLL, false, analyze, now)
    } catch (error) {
      // validated with the whole request (validateReindexSearch)
      if (!(error instanceof EsException) || error.type !== 'action_request_validation_exception') throw error
    }
  })
  return { indices, remote, search, searchText }
}

/**
 * The request's validation: the search source's scroll-search checks followed by `errors`, the request's own;
 * throws the action_request_validation_exception when any fails.
 */
export function validateReindexSearch(
  source: ReindexSource,
  analyze: TextAnalyzer,
  now: number,
  errors: readonly string[],
): ParsedSearch {
  return parseSearchRequest(source.searchText, SCROLL, false, analyze, now, false, () => [...errors])
}

/** AbstractBulkByScrollRequest.validate's checks of the search source (`from` and `stored_fields`, given at all). */
export function bulkByScrollSearchErrors(search: XContentObject): string[] {
  return [
    ...(search.has('from') ? ['from is not supported in this context'] : []),
    ...(search.has('stored_fields') ? ['stored_fields is not supported in this context'] : []),
  ]
}

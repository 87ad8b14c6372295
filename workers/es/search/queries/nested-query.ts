/**
 * The `nested` query (NestedQueryBuilder): `path`, `query`, `score_mode` (avg, the default, max, min, sum, none),
 * `ignore_unmapped`, `inner_hits`, `boost`, `_name`. The child query is built inside the path's nested scope and
 * filtered to the path's nested documents (`_nested_path:<path>`, NestedObjectMapper.nestedTypeFilter); the join goes
 * to the enclosing nested scope's documents, or to the root documents outside any (ESToParentBlockJoinQuery over
 * Queries.newNonNestedFilter). An unmapped or non-nested path is the query_shard_exception "[nested] failed to find
 * nested object under path [p]", or matches nothing with ignore_unmapped. An `inner_hits` section is recorded in
 * the context's innerHits by its name (the path by default), as InnerHitContextBuilder.extractInnerHits collects them.
 */
import type { IndexQuery, NestedScoreMode } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { NESTED_PATH_FIELD } from '../../index/mapper/nested-mapping.ts'
import { fetchSourceOption } from '../../action/fetch-source.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { parseInnerQuery } from '../query-builder.ts'
import {
  boostOf,
  checkOptions,
  numberOption,
  parsingError,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import type { NestedInnerHitsRequest } from '../fetch/nested-inner-hits.ts'

const SCORE_MODES: ReadonlyMap<string, NestedScoreMode> = new Map([
  ['none', 'none'],
  ['avg', 'avg'],
  ['max', 'max'],
  ['min', 'min'],
  ['sum', 'sum'],
])

/** InnerHitBuilder's defaults. */
const DEFAULT_INNER_HITS_SIZE = 3
const INNER_HITS_OPTIONS = ['name', 'from', 'size', '_source', 'version', 'seq_no_primary_term']

export function nestedQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('nested', body, ['path', 'query', 'score_mode', 'ignore_unmapped', 'inner_hits'])
  // fromXContent reads score_mode in its loop; NestedQueryBuilder's constructor then requires a path, then a query
  const modeText = scalarText(body.get('score_mode')) ?? 'avg'
  const scoreMode = SCORE_MODES.get(modeText)
  if (scoreMode === undefined)
    throw illegalArgumentException(`No score mode for child query [${modeText}] found`)
  const path = scalarText(body.get('path'))
  if (path === null) throw illegalArgumentException("[nested] requires 'path' field")
  const queryBody = body.get('query')
  if (queryBody === undefined) throw illegalArgumentException("[nested] requires 'query' field")
  const nested = context.nested
  const paths = nested?.paths
  // Parsing alone (no index: SearchSourceBuilder's validation) checks the child query's syntax only.
  if (context.index === undefined && nested === undefined) {
    parseInnerQuery(queryBody, context)
    return { type: 'matchNone' }
  }
  if (paths === undefined || !paths.has(path)) {
    if (body.get('ignore_unmapped') === true) return { type: 'matchNone' }
    throw queryShardException(`[nested] failed to find nested object under path [${path}]`, context.index)
  }
  const parentPath = nested?.scope ?? null
  const inner = parseInnerQuery(queryBody, { ...context, nested: { ...nested!, scope: path } })
  const child: IndexQuery = {
    type: 'bool',
    must: [inner],
    should: [],
    mustNot: [],
    filter: [{ type: 'term', field: NESTED_PATH_FIELD, term: path, boost: 1 }],
    minimumShouldMatch: 0,
    boost: 1,
  }
  const innerHits = body.get('inner_hits')
  if (innerHits !== undefined && parentPath !== null)
    throw illegalArgumentException(
      '[inner_hits] of a nested query inside another nested query is not available in the playground',
    )
  if (innerHits !== undefined && nested?.innerHits !== undefined)
    addInnerHits(nested.innerHits, innerHitsRequest(innerHits, path, parentPath, child))
  return { type: 'nested', path, parentPath, query: child, scoreMode, boost: boostOf(body) }
}

function innerHitsRequest(
  value: XContentValue,
  path: string,
  parentPath: string | null,
  query: IndexQuery,
): NestedInnerHitsRequest {
  if (!(value instanceof Map)) throw parsingError('[inner_hits] must be an object')
  const options: XContentObject = value
  for (const key of options.keys()) {
    if (!INNER_HITS_OPTIONS.includes(key))
      throw illegalArgumentException(`[inner_hits] [${key}] is not available in the playground`)
  }
  return {
    name: scalarText(options.get('name')) ?? path,
    path,
    parentPath,
    query,
    from: numberOption(options, 'from', 0),
    size: numberOption(options, 'size', DEFAULT_INNER_HITS_SIZE),
    fetchSource: fetchSourceOption(options.get('_source')),
    version: flagOption(options, 'version'),
    seqNoPrimaryTerm: flagOption(options, 'seq_no_primary_term'),
  }
}

/** InnerHitBuilder's declareBoolean: a boolean, or a string Booleans.parseBoolean reads. */
function flagOption(options: XContentObject, key: string): boolean {
  const value = options.get(key)
  if (value === undefined || value === null) return false
  if (value instanceof Map || Array.isArray(value))
    throw parsingError(`[inner_hits] [${key}] must be a boolean`)
  return typeof value === 'boolean' ? value : parseBoolean(String(value))
}

/** InnerHitContextBuilder: one inner hits section per name. */
function addInnerHits(into: NestedInnerHitsRequest[], request: NestedInnerHitsRequest): void {
  if (into.some((known) => known.name === request.name))
    throw illegalArgumentException(`[inner_hits] already contains an entry for key [${request.name}]`)
  into.push(request)
}

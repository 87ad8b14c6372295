/**
 * Alias APIs (ES 8.17): POST /_aliases (RestIndicesAliasesAction: add, remove and remove_index actions
 * applied together), PUT|POST /{index}/_alias/{name} (RestIndexPutAliasAction), DELETE
 * /{index}/_alias/{name} (RestIndexDeleteAliasesAction), and GET|HEAD [/{index}]/_alias[/{name}]
 * (RestGetAliasesAction). The changing ones answer IndicesAliasesResponse:
 * `{"acknowledged":true,"errors":false}`, or with `errors: true` an `action_results` entry per action
 * (`action` {type, indices, aliases}, `status`, and `error` for a remove that removed nothing).
 *
 * As TransportIndicesAliasesAction does, each action's index expressions name concrete indices only
 * (an alias there is refused, a pattern must match something), a remove's alias names may be patterns
 * over the aliases the index has, and a request whose actions all come to nothing is
 * aliases_not_found_exception. GET names every resolved index (with `{}` when it has none) unless alias
 * names were given: then only indices with a selected alias, and explicitly named aliases that are
 * missing make a 404 whose body has `error` and `status` before the indices found.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  exceptionFields,
  illegalArgumentException,
  indexNotFoundException,
  type EsException,
} from '../../errors/index.ts'
import type { JsonOut, XContentObject, XContentValue } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { indicesMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import {
  aliasToJson,
  filterText,
  routingText,
  type AliasMetadata,
} from '../../cluster/metadata/alias-metadata.ts'
import { aliasesLookup, concreteIndexNames, findAliases } from '../../cluster/metadata/index-abstraction.ts'
import { resolveDateMathExpression } from '../../cluster/metadata/date-math-index-name.ts'
import type { AliasAction } from '../../cluster/metadata/metadata-index-alias-service.ts'
import { aliasesNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { fieldParseError } from '../../cluster/metadata/field-parse-error.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_CLOSED,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'
import { indicesBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'

type ActionType = 'add' | 'remove' | 'remove_index'

/** One entry of a request's `actions`, as AliasActions parses it. */
interface AliasActions {
  type: ActionType
  indices: string[]
  aliases: string[]
  metadata: AliasMetadata
  mustExist: boolean | null
}

export function registerAliasActions(controller: RestController, context: RestContext): void {
  const put = (req: RestHandlerRequest) => guarded(() => putAlias(context, req))
  const remove = (req: RestHandlerRequest) => guarded(() => deleteAlias(context, req))
  const get = (req: RestHandlerRequest) => guarded(() => getAliases(context, req))
  controller.register(
    'POST',
    '/_aliases',
    (req) => guarded(() => updateAliases(context, req)),
    'indices.update_aliases',
  )
  for (const path of [
    '/{index}/_alias/{name}',
    '/{index}/_aliases/{name}',
    '/_alias/{name}',
    '/{index}/_alias',
  ]) {
    controller
      .register('PUT', path, put, 'indices.put_alias')
      .register('POST', path, put, 'indices.put_alias')
  }
  controller
    .register('DELETE', '/{index}/_alias/{name}', remove, 'indices.delete_alias')
    .register('DELETE', '/{index}/_aliases/{name}', remove, 'indices.delete_alias')
  for (const path of [
    '/_alias',
    '/_aliases',
    '/_alias/{name}',
    '/{index}/_alias',
    '/{index}/_alias/{name}',
  ]) {
    controller.register('GET', path, get, 'indices.get_alias')
  }
}

async function updateAliases(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const text = req.request.body ?? ''
  const body = text.trim() === '' ? new Map<string, XContentValue>() : parseRequestBody(text)
  const actions: AliasActions[] = []
  for (const [key, value] of body) {
    if (key !== 'actions') throw fieldParseError(text, key, `[aliases] unknown field [${key}]`)
    for (const entry of Array.isArray(value) ? value : [value]) actions.push(parseActionEntry(text, entry))
  }
  return runActions(context, actions)
}

function parseActionEntry(text: string, entry: XContentValue): AliasActions {
  if (!(entry instanceof Map))
    throw illegalArgumentException('Too many operations declared on operation entry')
  let parsed: AliasActions | null = null
  for (const [key, value] of entry) {
    if (key !== 'add' && key !== 'remove' && key !== 'remove_index') {
      throw fieldParseError(text, key, `[alias_action] unknown field [${key}]`)
    }
    if (parsed) throw illegalArgumentException('Too many operations declared on operation entry')
    if (!(value instanceof Map))
      throw fieldParseError(text, key, `[alias_action] failed to parse field [${key}]`)
    parsed = parseAction(text, key, value)
  }
  if (!parsed) throw illegalArgumentException('Too many operations declared on operation entry')
  return parsed
}

/** An action's fields; setters refuse what the action type does not support, as AliasActions' do. */
function parseAction(text: string, type: ActionType, fields: XContentObject): AliasActions {
  const action: AliasActions = { type, indices: [], aliases: [], metadata: {}, mustExist: null }
  let routing: string | undefined
  const metadata: { -readonly [K in keyof AliasMetadata]: AliasMetadata[K] } = {}
  const typeName = type.toUpperCase()
  const addOnly = (key: string): void => {
    if (type !== 'add') throw illegalArgumentException(`[${key}] is unsupported for [${typeName}]`)
  }
  for (const [key, value] of fields) {
    if (key === 'index' || key === 'indices') {
      if (action.indices.length > 0)
        throw illegalArgumentException('Only one of [index] and [indices] is supported')
      action.indices = stringValues(value)
    } else if (key === 'alias' || key === 'aliases') {
      if (type === 'remove_index') throw illegalArgumentException(`[${key}] is unsupported for [${typeName}]`)
      if (action.aliases.length > 0)
        throw illegalArgumentException('Only one of [alias] and [aliases] is supported')
      action.aliases = stringValues(value)
    } else if (key === 'filter') {
      addOnly(key)
      const filter = filterText(value)
      if (filter !== undefined) metadata.filter = filter
    } else if (key === 'routing' || key === 'index_routing' || key === 'search_routing') {
      addOnly(key)
      const routingValue = routingText(value) ?? undefined
      if (key === 'routing') routing = routingValue
      else if (key === 'index_routing') metadata.indexRouting = routingValue
      else metadata.searchRouting = routingValue
    } else if (key === 'is_write_index' || key === 'is_hidden') {
      addOnly(key)
      if (typeof value === 'boolean') metadata[key === 'is_write_index' ? 'isWriteIndex' : 'isHidden'] = value
    } else if (key === 'must_exist') {
      if (type !== 'remove') throw illegalArgumentException(`[must_exist] is unsupported for [${typeName}]`)
      action.mustExist = value === true
    } else {
      throw fieldParseError(text, key, `[${type}] unknown field [${key}]`)
    }
  }
  if (action.indices.length === 0) throw illegalArgumentException('One of [index] or [indices] is required')
  if (type !== 'remove_index' && action.aliases.length === 0) {
    throw illegalArgumentException('One of [alias] or [aliases] is required')
  }
  const indexRouting = metadata.indexRouting ?? routing
  const searchRouting = metadata.searchRouting ?? routing
  action.metadata = {
    ...metadata,
    ...(indexRouting !== undefined ? { indexRouting } : {}),
    ...(searchRouting !== undefined ? { searchRouting } : {}),
  }
  return action
}

function stringValues(value: XContentValue): string[] {
  const values = (Array.isArray(value) ? value : [value]).map((entry) =>
    typeof entry === 'string' ? entry : '',
  )
  if (values.some((entry) => entry === ''))
    throw illegalArgumentException("[indices] can't contain empty string")
  return values
}

/** TransportIndicesAliasesAction: concrete actions for the master, and a result per requested action. */
async function runActions(context: RestContext, actions: readonly AliasActions[]): Promise<RestResponse> {
  if (actions.length === 0) throw actionRequestValidationException(['Must specify at least one alias action'])
  const indices = indicesMetadata(context.client.cluster.state())
  const now = context.clock.now()
  const concrete: AliasAction[] = []
  const results: JsonOut[] = []
  let errors = false
  for (const action of actions) {
    const names = concreteIndices(
      indices,
      action.indices.map((expression) => resolveDateMathExpression(expression, now)),
    )
    let removed = 0
    for (const index of names) {
      if (action.type === 'remove_index') {
        concrete.push({ type: 'remove_index', index })
        continue
      }
      for (const alias of concreteAliases(
        action,
        indices.find((m) => m.name === index)!,
      )) {
        if (action.type === 'add') {
          const name = resolveDateMathExpression(alias, now)
          concrete.push({ type: 'add', index, alias: name, metadata: action.metadata })
        } else concrete.push({ type: 'remove', index, alias, mustExist: action.mustExist === true })
        removed++
      }
    }
    const failed = action.type === 'remove' && removed === 0
    errors ||= failed
    results.push(actionResult(action, names, failed ? aliasesNotFoundException(action.aliases) : null))
  }
  if (concrete.length === 0) {
    throw aliasesNotFoundException(javaStringKeyOrder([...new Set(actions.flatMap((a) => a.aliases))]))
  }
  await context.client.cluster.execute({ type: 'update_aliases', actions: concrete })
  return json(200, { acknowledged: true, errors, ...(errors ? { action_results: results } : {}) })
}

/** The indices an action names: concrete names and patterns over them; aliases are refused here. */
function concreteIndices(indices: readonly IndexMetadata[], expressions: readonly string[]): string[] {
  const aliases = aliasesLookup(indices)
  const names = new Set<string>()
  for (const expression of expressions) {
    if (aliases.has(expression)) {
      throw illegalArgumentException(
        `The provided expression [${expression}] matches an alias, specify the corresponding concrete indices instead.`,
      )
    }
    const matched =
      expression === '_all' || expression.includes('*')
        ? indices.filter((m) => expression === '_all' || simpleMatch(expression, m.name)).map((m) => m.name)
        : concreteIndexNames(indices, expression, STRICT_EXPAND_OPEN_CLOSED)
    if (matched.length === 0) throw indexNotFoundException(expression)
    matched.forEach((name) => names.add(name))
  }
  return [...names]
}

/** A remove's alias names as the aliases the index has (patterns expanded); an add's as given. */
function concreteAliases(action: AliasActions, index: IndexMetadata): string[] {
  if (action.type !== 'remove') return action.aliases
  const found = findAliases([index], action.aliases)[0]!.aliases.map(([alias]) => alias)
  return found.length === 0 && action.mustExist === true ? action.aliases : found
}

function actionResult(action: AliasActions, indices: readonly string[], error: EsException | null): JsonOut {
  const result = new Map<string, JsonOut>([
    ['action', { type: action.type, indices: [...indices].sort(), aliases: action.aliases }],
    ['status', error ? error.status : 200],
  ])
  if (error) result.set('error', exceptionFields(error))
  return result
}

/** PUT /{index}/_alias/{name}: one add action; the body may give the routings, filter and flags. */
function putAlias(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const text = req.request.body ?? ''
  const body = text.trim() === '' ? new Map<string, XContentValue>() : parseRequestBody(text)
  const fields = new Map(body)
  if (req.path.index !== undefined) fields.set('index', req.path.index.split(','))
  if (req.path.name !== undefined) fields.set('alias', req.path.name)
  if (!fields.has('alias')) throw illegalArgumentException('One of [alias] or [aliases] is required')
  return runActions(context, [parseAction(text, 'add', fields)])
}

function deleteAlias(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const action: AliasActions = {
    type: 'remove',
    indices: req.path.index!.split(','),
    aliases: req.path.name!.split(','),
    metadata: {},
    mustExist: null,
  }
  return runActions(context, [action])
}

/** RestGetAliasesAction.buildRestResponse over TransportGetAliasesAction's answer. */
function getAliases(context: RestContext, req: RestHandlerRequest): RestResponse {
  const requested = req.path.name === undefined ? [] : req.path.name.split(',')
  const names = requested.length === 1 && requested[0] === '_all' ? [] : requested
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_CLOSED)
  const found = aliasesForIndices(context, req.path.index, names, options)
  // TransportGetAliasesAction.checkBlock: METADATA_READ (`index.blocks.metadata`) on every resolved index.
  indicesBlockedRaiseException(
    context.client.cluster.state(),
    'METADATA_READ',
    found.map((entry) => entry.index),
  )
  const shown = req.path.name === undefined ? found : found.filter((entry) => entry.aliases.length > 0)
  const returned = new Set(found.flatMap((entry) => entry.aliases.map(([alias]) => alias)))
  const missing = explicitNames(names)
    .filter((name) => !returned.has(name))
    .sort()
  const body = new Map<string, JsonOut>()
  if (missing.length > 0) {
    body.set('error', `${missing.length === 1 ? 'alias' : 'aliases'} [${missing.join(',')}] missing`)
    body.set('status', 404)
  }
  for (const { index, aliases } of shown) {
    body.set(index, { aliases: new Map(aliases.map(([alias, metadata]) => [alias, aliasToJson(metadata)])) })
  }
  return json(missing.length > 0 ? 404 : 200, body)
}

/**
 * The selected aliases of the indices an expression names, the indices in the Java HashMap order of
 * the response's map.
 */
export function aliasesForIndices(
  context: RestContext,
  expression: string | undefined,
  names: readonly string[],
  options: IndicesOptions = STRICT_EXPAND_OPEN_CLOSED,
): Array<{ index: string; aliases: Array<[string, AliasMetadata]> }> {
  const indices = context.indices.resolve(expression, options).map((index) => index.metadata)
  const order = javaStringKeyOrder(indices.map((metadata) => metadata.name))
  return findAliases(
    order.map((name) => indices.find((metadata) => metadata.name === name)!),
    names,
  )
}

/** The requested names that must exist: not `_all`, not patterns, not excluded by a later `-` entry. */
function explicitNames(names: readonly string[]): string[] {
  const firstWildcard = names.findIndex((name) => name.includes('*'))
  const wildcardAt = firstWildcard < 0 ? names.length : firstWildcard
  return names.filter((name, i) => {
    if (name === '_all' || name.includes('*') || (i > wildcardAt && name.startsWith('-'))) return false
    return !names
      .slice(Math.max(i + 1, wildcardAt))
      .some((later) => later.startsWith('-') && (later === '-_all' || simpleMatch(later.slice(1), name)))
  })
}

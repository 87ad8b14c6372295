/**
 * IndicesOptions: how an index expression resolves, as ES 8's IndicesOptions says it to the
 * IndexNameExpressionResolver:
 * - `expandOpen` / `expandClosed` / `expandHidden`: which indices a wildcard (or `_all`, or no expression)
 *   expands to (expand_wildcards: open, closed, hidden, none, all);
 * - `forbidClosed`: a closed index named outright (or through an alias) is index_closed_exception, unless
 *   `ignoreUnavailable`, when it is skipped;
 * - `ignoreUnavailable`: a missing name is skipped instead of index_not_found_exception;
 * - `allowNoIndices`: false makes an expression that resolves to nothing index_not_found_exception.
 * The named defaults are the ones the request classes start from; `indicesOptionsFromRequest` overrides
 * them with the request's `expand_wildcards`, `ignore_unavailable` and `allow_no_indices` parameters
 * (IndicesOptions.fromRequest).
 */
import { illegalArgumentException } from '../../errors/index.ts'

export interface IndicesOptions {
  readonly expandOpen: boolean
  readonly expandClosed: boolean
  readonly expandHidden: boolean
  readonly forbidClosed: boolean
  readonly ignoreUnavailable: boolean
  readonly allowNoIndices: boolean
}

const STRICT = { expandHidden: false, ignoreUnavailable: false, allowNoIndices: true } as const

/** Search, count, get, writes, refresh, stats (strictExpandOpenAndForbidClosed). */
export const STRICT_EXPAND_OPEN_FORBID_CLOSED: IndicesOptions = {
  ...STRICT,
  expandOpen: true,
  expandClosed: false,
  forbidClosed: true,
}

/** _close, GET /<index>, _mapping (strictExpandOpen): a closed index may be named. */
export const STRICT_EXPAND_OPEN: IndicesOptions = {
  ...STRICT,
  expandOpen: true,
  expandClosed: false,
  forbidClosed: false,
}

/** _settings, delete index, _cat/indices, aliases (strictExpand): wildcards reach closed indices too. */
export const STRICT_EXPAND_OPEN_CLOSED: IndicesOptions = {
  ...STRICT,
  expandOpen: true,
  expandClosed: true,
  forbidClosed: false,
}

/** _cat/shards (RestShardsAction: strictExpandHidden, whatever the request says): hidden indices too. */
export const STRICT_EXPAND_OPEN_CLOSED_HIDDEN: IndicesOptions = {
  ...STRICT_EXPAND_OPEN_CLOSED,
  expandHidden: true,
}

/** _open (OpenIndexRequest.DEFAULT_INDICES_OPTIONS): wildcards expand to closed indices only. */
export const STRICT_EXPAND_CLOSED: IndicesOptions = {
  ...STRICT,
  expandOpen: false,
  expandClosed: true,
  forbidClosed: false,
}

/** _cluster/state (ClusterStateRequest: lenientExpandOpen): wildcards reach open indices, missing names skipped. */
export const LENIENT_EXPAND_OPEN: IndicesOptions = {
  ...STRICT_EXPAND_OPEN,
  ignoreUnavailable: true,
}

/** _cluster/health (ClusterHealthRequest: lenientExpandHidden): open, closed and hidden, missing names skipped. */
export const LENIENT_EXPAND_OPEN_CLOSED_HIDDEN: IndicesOptions = {
  ...STRICT_EXPAND_OPEN_CLOSED,
  expandHidden: true,
  ignoreUnavailable: true,
}

const WILDCARD_STATES = ['open', 'closed', 'hidden', 'none', 'all'] as const

/** IndicesOptions.fromRequest: the request's parameters over `defaults`. */
export function indicesOptionsFromRequest(
  params: ReadonlyMap<string, string>,
  defaults: IndicesOptions,
): IndicesOptions {
  let options = defaults
  const expand = params.get('expand_wildcards')
  if (expand !== undefined) {
    const states = new Set(expand.split(',').map((state) => state.trim()))
    for (const state of states) {
      if (!(WILDCARD_STATES as readonly string[]).includes(state)) {
        throw illegalArgumentException(`No valid expand wildcard value [${state}]`)
      }
    }
    const all = states.has('all')
    options = {
      ...options,
      expandOpen: all || states.has('open'),
      expandClosed: all || states.has('closed'),
      expandHidden: all || states.has('hidden'),
    }
  }
  const ignoreUnavailable = booleanParam(params, 'ignore_unavailable')
  if (ignoreUnavailable !== undefined) options = { ...options, ignoreUnavailable }
  const allowNoIndices = booleanParam(params, 'allow_no_indices')
  if (allowNoIndices !== undefined) options = { ...options, allowNoIndices }
  return options
}

/** XContentMapValues.nodeBooleanValue: only `true` and `false`. */
function booleanParam(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
  const value = params.get(name)
  if (value === undefined) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw illegalArgumentException(`Could not convert [${name}] to boolean`)
}

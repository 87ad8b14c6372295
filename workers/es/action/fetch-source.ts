/**
 * FetchSourceContext: whether a response carries `_source`, and which parts of it, read from the REST
 * parameters (`_source=false|true|a,b`, `_source_includes`, `_source_excludes`) or from a body value
 * (`false`, `"a"`, `["a","b"]`, `{"includes":...,"excludes":...}`), and the filter
 * XContentMapValues.filter applies to the source map.
 *
 * Filter rules (8.17): each include or exclude is a simple wildcard pattern (`*` matches any string,
 * dots included) over the dotted path of a field, and also matches every path below it (`obj`
 * matches `obj.x`). A field is dropped as soon as an exclude matches its path; an object or array
 * whose path an include matches is kept whole except for excluded inner fields; an object reached only
 * on the way to a deeper include is kept when something in it survives. Array elements that are
 * objects are filtered with the array's path; scalar elements stay only if the array's path is included.
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { valueToken } from './value-token.ts'

export interface FetchSourceContext {
  fetchSource: boolean
  includes: string[]
  excludes: string[]
}

function splitByComma(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

/** FetchSourceContext.parseFromRestRequest: null when no parameter asks anything. */
export function fetchSourceFromParams(params: ReadonlyMap<string, string>): FetchSourceContext | null {
  const source = params.get('_source')
  let fetchSource: boolean | null = null
  let includes: string[] | null = null
  if (source !== undefined) {
    if (source === 'true') fetchSource = true
    else if (source === 'false') fetchSource = false
    else includes = splitByComma(source)
  }
  const sourceIncludes = params.get('_source_includes')
  if (sourceIncludes !== undefined) includes = splitByComma(sourceIncludes)
  const sourceExcludes = params.get('_source_excludes')
  const excludes = sourceExcludes === undefined ? null : splitByComma(sourceExcludes)
  if (fetchSource === null && includes === null && excludes === null) return null
  return { fetchSource: fetchSource ?? true, includes: includes ?? [], excludes: excludes ?? [] }
}

/**
 * ShardGetService.normalizeFetchSourceContent: a GET without a `_source` option fetches the source unless it names
 * `stored_fields` without `_source` among them.
 */
export function normalizeFetchSourceContent(
  context: FetchSourceContext | null,
  storedFields: readonly string[] | null,
): FetchSourceContext | null {
  if (context !== null || storedFields === null || storedFields.includes('_source')) return context
  return { fetchSource: false, includes: [], excludes: [] }
}

/** Strings.splitStringByCommaToArray of a `stored_fields` parameter; null when it is absent. */
export function storedFieldsParam(params: ReadonlyMap<string, string>): string[] | null {
  const text = params.get('stored_fields')
  return text === undefined ? null : splitByComma(text)
}

/** FetchSourceContext.fromXContent over a parsed body value. */
export function fetchSourceFromValue(value: XContentValue): FetchSourceContext {
  if (typeof value === 'boolean') return { fetchSource: value, includes: [], excludes: [] }
  if (typeof value === 'string') return { fetchSource: true, includes: [value], excludes: [] }
  if (Array.isArray(value)) return { fetchSource: true, includes: stringList(value), excludes: [] }
  if (value instanceof Map) {
    const context: FetchSourceContext = { fetchSource: true, includes: [], excludes: [] }
    for (const [key, entry] of value) {
      const list = Array.isArray(entry) ? stringList(entry) : typeof entry === 'string' ? [entry] : null
      if (list === null) throw illegalArgumentException(`Unknown key for a ${valueToken(entry)} in [${key}].`)
      if (key === 'includes' || key === 'include') context.includes = list
      else if (key === 'excludes' || key === 'exclude') context.excludes = list
      else throw illegalArgumentException(`Unknown key for a ${valueToken(entry)} in [${key}].`)
    }
    return context
  }
  throw illegalArgumentException(
    `Expected one of [VALUE_BOOLEAN, VALUE_STRING, START_ARRAY, START_OBJECT] but found [${valueToken(value)}]`,
  )
}

/** A request's `_source` option: null when absent, else its FetchSourceContext. */
export function fetchSourceOption(value: XContentValue | undefined): FetchSourceContext | null {
  return value === undefined ? null : fetchSourceFromValue(value)
}

function stringList(values: XContentValue[]): string[] {
  return values.map((entry) => {
    if (typeof entry !== 'string')
      throw illegalArgumentException(`Unknown key for a ${valueToken(entry)} in [].`)
    return entry
  })
}

export function isFiltering(context: FetchSourceContext | null): context is FetchSourceContext {
  return context !== null && (context.includes.length > 0 || context.excludes.length > 0)
}

/** Simple wildcard patterns, each also matching the paths below it: `p` or `p.` + anything. */
class PathPatterns {
  private readonly globs: string[]

  constructor(patterns: readonly string[]) {
    this.globs = patterns.flatMap((p) => [p, p + '.*'])
  }

  get empty(): boolean {
    return this.globs.length === 0
  }

  accepts(path: string): boolean {
    return this.globs.some((glob) => globStates(glob, path).has(glob.length))
  }

  /** Whether some extension of `prefix` is accepted (the automaton is not dead after it). */
  viable(prefix: string): boolean {
    return this.globs.some((glob) => globStates(glob, prefix).size > 0)
  }
}

/** The NFA states (positions in the glob) after reading `text`; `*` matches any run of characters. */
function globStates(glob: string, text: string): Set<number> {
  let states = closure(glob, new Set([0]))
  for (const c of text) {
    const next = new Set<number>()
    for (const s of states) {
      if (glob[s] === '*') next.add(s)
      else if (glob[s] === c) next.add(s + 1)
    }
    states = closure(glob, next)
    if (states.size === 0) break
  }
  return states
}

function closure(glob: string, states: Set<number>): Set<number> {
  for (const s of states) if (glob[s] === '*') states.add(s + 1)
  return states
}

export function filterSource(source: XContentObject, context: FetchSourceContext): XContentObject {
  const includes = new PathPatterns(context.includes)
  const excludes = new PathPatterns(context.excludes)
  return filterMap(source, '', includes.empty ? null : includes, excludes)
}

/** `includes` null: everything below is included (the matchAll automaton). */
function filterMap(
  map: XContentObject,
  prefix: string,
  includes: PathPatterns | null,
  excludes: PathPatterns,
): XContentObject {
  const filtered: XContentObject = new Map()
  for (const [key, value] of map) {
    const path = prefix + key
    if (includes !== null && !includes.viable(path)) continue
    if (excludes.accepts(path)) continue
    const included = includes === null || includes.accepts(path)
    if (included && !excludes.viable(path + '.')) {
      filtered.set(key, value)
      continue
    }
    const inner = included ? null : includes
    if (value instanceof Map) {
      if (inner !== null && !inner.viable(path + '.')) continue
      const kept = filterMap(value, path + '.', inner, excludes)
      if (included || kept.size > 0) filtered.set(key, kept)
    } else if (Array.isArray(value)) {
      const kept = filterArray(value, path, inner, excludes, included)
      if (included || kept.length > 0) filtered.set(key, kept)
    } else if (included) {
      filtered.set(key, value)
    }
  }
  return filtered
}

function filterArray(
  values: XContentValue[],
  path: string,
  includes: PathPatterns | null,
  excludes: PathPatterns,
  included: boolean,
): XContentValue[] {
  const filtered: XContentValue[] = []
  for (const value of values) {
    if (value instanceof Map) {
      if (includes !== null && !includes.viable(path + '.')) continue
      const kept = filterMap(value, path + '.', includes, excludes)
      if (kept.size > 0) filtered.push(kept)
    } else if (Array.isArray(value)) {
      const kept = filterArray(value, path, includes, excludes, included)
      if (kept.length > 0) filtered.push(kept)
    } else if (included) {
      filtered.push(value)
    }
  }
  return filtered
}

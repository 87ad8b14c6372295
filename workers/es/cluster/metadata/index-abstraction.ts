/**
 * The names a request can use for indices, as ES 8's IndicesLookup (IndexAbstraction: concrete index or
 * alias) and IndexNameExpressionResolver see them, over the indices' metadata:
 * - an alias names the indices that carry it; its write index (IndexAbstraction.Alias.getWriteIndex) is
 *   the one with is_write_index true, else its only index unless that one says false, else none;
 * - an expression is a comma list of index names, alias names and `*` patterns; a pattern matches index
 *   names and the names of aliases that are not hidden; a missing name is index_not_found_exception, and a
 *   name or pattern starting with `_` is invalid_index_name_exception whether it exists or not. What
 *   it names is kept as index and alias names (resolveExpression) for alias filters and search routing;
 * - a single-document operation through an alias takes the alias's index routing (Metadata.resolveIndexRouting:
 *   one value, equal to the request's routing when that is given).
 * - a data stream (IndexAbstraction.DataStream) names its backing indices, which carry its name in their
 *   metadata; a write to it goes to its write index, the last of its DataStream's indices. A pattern matches
 *   data stream names too; it skips hidden indices (backing indices are hidden) unless both the pattern and
 *   the index name start with `.` (WildcardExpressionResolver's implicit hidden match).
 * - IndicesOptions (indices-options.ts) say which states a pattern expands to and what a closed or missing
 *   name does; without options, an expression resolves as a search's does (open indices; a closed one named
 *   is index_closed_exception), and a write to a closed index is index_closed_exception.
 * Index, alias and data stream names never collide (the master refuses it), so a name is one of them.
 */
import {
  illegalArgumentException,
  indexClosedException,
  indexNotFoundException,
  invalidIndexNameException,
} from '../../errors/index.ts'
import { isClosed, type IndexMetadata } from '../../index/index-metadata.ts'
import { STRICT_EXPAND_OPEN_FORBID_CLOSED, type IndicesOptions } from './indices-options.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { aliasesOf, type AliasMetadata } from './alias-metadata.ts'
import { writeIndexOfDataStream, type DataStream } from './data-stream.ts'

export interface AliasMember {
  readonly index: string
  readonly alias: AliasMetadata
}

/** An alias and the indices that carry it, in index name order. */
export interface IndexAlias {
  readonly name: string
  readonly members: readonly AliasMember[]
}

export function aliasesLookup(indices: Iterable<IndexMetadata>): Map<string, IndexAlias> {
  const members = new Map<string, AliasMember[]>()
  const sorted = [...indices].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const metadata of sorted) {
    for (const [name, alias] of Object.entries(aliasesOf(metadata))) {
      const list = members.get(name) ?? []
      list.push({ index: metadata.name, alias })
      members.set(name, list)
    }
  }
  return new Map([...members].map(([name, list]) => [name, { name, members: list }]))
}

export function writeIndexOf(alias: IndexAlias): AliasMember | null {
  const explicit = alias.members.find((member) => member.alias.isWriteIndex === true)
  if (explicit) return explicit
  const only = alias.members.length === 1 ? alias.members[0]! : null
  return only && only.alias.isWriteIndex !== false ? only : null
}

/**
 * Where a write to `name` goes (IndexNameExpressionResolver with resolveToWriteIndex, then
 * Metadata.resolveWriteIndexRouting): the index itself, the alias's write index with the alias's
 * index routing, or the data stream's write index (`dataStream` set); null when the name is none of
 * them (the write may create the index or data stream).
 */
export function resolveWriteTarget(
  indices: readonly IndexMetadata[],
  name: string,
  routing: string | null,
  dataStreams: Readonly<Record<string, DataStream>> = {},
): { index: string; routing: string | null; dataStream?: string } | null {
  const target = writeTarget(indices, name, routing, dataStreams)
  const metadata = target && indices.find((candidate) => candidate.name === target.index)
  if (metadata && isClosed(metadata)) throw indexClosedException(metadata.name, metadata.uuid)
  return target
}

function writeTarget(
  indices: readonly IndexMetadata[],
  name: string,
  routing: string | null,
  dataStreams: Readonly<Record<string, DataStream>>,
): { index: string; routing: string | null; dataStream?: string } | null {
  if (indices.some((metadata) => metadata.name === name)) return { index: name, routing }
  const dataStream = Object.hasOwn(dataStreams, name) ? dataStreams[name]! : undefined
  if (dataStream) return { index: writeIndexOfDataStream(dataStream).name, routing, dataStream: name }
  const alias = aliasesLookup(indices).get(name)
  if (!alias) return null
  const write = writeIndexOf(alias)
  if (!write) {
    throw illegalArgumentException(
      `no write index is defined for alias [${name}]. The write index may be explicitly disabled using ` +
        'is_write_index=false or the alias points to multiple indices without one being designated as a write index',
    )
  }
  return { index: write.index, routing: resolveAliasRouting(name, write.alias, routing) }
}

/**
 * The routing of a single-document operation through an alias (Metadata.resolveIndexRouting): the alias's
 * index routing, which must be one value and agree with the request's; else the request's own.
 */
export function resolveAliasRouting(
  name: string,
  alias: AliasMetadata,
  routing: string | null,
): string | null {
  const aliasRouting = alias.indexRouting
  if (aliasRouting === undefined) return routing
  if (aliasRouting.includes(',')) {
    throw illegalArgumentException(
      `index/alias [${name}] provided with routing value [${aliasRouting}] that resolved to several routing values, rejecting operation`,
    )
  }
  if (routing !== null && routing !== aliasRouting) {
    throw illegalArgumentException(
      `Alias [${name}] has index routing associated with it [${aliasRouting}], and was provided with routing value [${routing}], rejecting operation`,
    )
  }
  return aliasRouting
}

/**
 * The routing of a read of one document by `name` (GET, _explain): through an alias of one index, the
 * alias's index routing (resolveAliasRouting); an index, or an alias of several indices (refused later as
 * not a single index), keeps the request's.
 */
export function resolveIndexRouting(
  indices: readonly IndexMetadata[],
  name: string,
  routing: string | null,
): string | null {
  const alias = aliasesLookup(indices).get(name)
  const only = alias?.members.length === 1 ? alias.members[0]! : null
  return only ? resolveAliasRouting(name, only.alias, routing) : routing
}

/**
 * What an expression names, as IndexNameExpressionResolver.resolveExpressions keeps it (aliases preserved):
 * the index names it gives or its patterns match, and the alias names it gives outright or its patterns
 * match (an alias may be both); after a wildcard, `-name` / `-pattern` takes what it matches out again (ES's
 * exclusions, so `*,-*` names nothing); with neither open nor closed expansion (expand_wildcards=none) a pattern is
 * taken as a name (ES 8.6+), a lone `*` expanding to nothing. Both kinds of alias filter a search; only aliases named outright route it,
 * a pattern-matched one standing for its indices (resolveSearchRouting expands patterns to indices). Null is
 * every index (`_all`, or no expression).
 */
export interface ResolvedExpression {
  readonly indices: ReadonlySet<string>
  readonly namedAliases: ReadonlySet<string>
  readonly patternAliases: ReadonlySet<string>
}

export function resolveExpression(
  indices: readonly IndexMetadata[],
  expression: string | undefined,
  options: IndicesOptions = STRICT_EXPAND_OPEN_FORBID_CLOSED,
): ResolvedExpression | null {
  if (expression === undefined || expression === '' || expression === '_all') return null
  const all = indices.map((metadata) => metadata.name)
  const lookup = aliasesLookup(indices)
  const backing = backingIndicesLookup(indices)
  const names = new Set<string>()
  const namedAliases = new Set<string>()
  const patternAliases = new Set<string>()
  let wildcardSeen = false
  for (const part of expression.split(',')) {
    const exclusion = wildcardSeen && part.startsWith('-')
    validateResourceExpression(exclusion ? part.slice(1) : part)
    if (exclusion) {
      excludeMatches(part.slice(1), backing, [names, namedAliases, patternAliases])
      continue
    }
    // WildcardExpressionResolver: without open or closed expansion (expand_wildcards=none) a pattern is a plain name,
    // but for a lone `*`, which matches all (isMatchAll) and so expands to nothing
    const expandsWildcards = options.expandOpen || options.expandClosed || expression === '*'
    if (part.includes('*') && expandsWildcards) {
      wildcardSeen = true
      for (const metadata of indices) {
        const visible =
          options.expandHidden ||
          metadata.hidden !== true ||
          (part.startsWith('.') && metadata.name.startsWith('.'))
        if (visible && expands(metadata, options) && simpleMatch(part, metadata.name))
          names.add(metadata.name)
      }
      for (const [dataStream, members] of backing) {
        if (!simpleMatch(part, dataStream)) continue
        members.filter((m) => expands(m, options)).forEach((m) => names.add(m.name))
      }
      for (const alias of lookup.values()) {
        const visible = !alias.members.some((m) => m.alias.isHidden === true)
        if (visible && simpleMatch(part, alias.name)) patternAliases.add(alias.name)
      }
      continue
    }
    if (lookup.has(part)) namedAliases.add(part)
    else if (all.includes(part)) names.add(part)
    else if (backing.has(part)) backing.get(part)!.forEach((m) => names.add(m.name))
    else if (!options.ignoreUnavailable) throw indexNotFoundException(part)
  }
  return { indices: names, namedAliases, patternAliases }
}

/**
 * IndexNameExpressionResolver.validateResourceExpression, for each name or pattern of an expression (the base of an
 * exclusion too), whatever the options: one starting with `_` (reserved for APIs) is invalid_index_name_exception.
 */
function validateResourceExpression(expression: string): void {
  if (expression.startsWith('_')) throw invalidIndexNameException(expression, "must not start with '_'.")
}

/**
 * An exclusion (`-name` or `-pattern` after a wildcard): takes the index, alias and data stream names it matches
 * out of what the expression named so far (a data stream takes its backing indices). A name it misses is no error.
 */
function excludeMatches(
  excluded: string,
  backing: ReadonlyMap<string, readonly IndexMetadata[]>,
  selections: ReadonlyArray<Set<string>>,
): void {
  const matches = (name: string) => (excluded.includes('*') ? simpleMatch(excluded, name) : name === excluded)
  for (const selected of selections)
    for (const name of [...selected]) if (matches(name)) selected.delete(name)
  for (const [dataStream, members] of backing)
    if (matches(dataStream)) members.forEach((member) => selections[0]!.delete(member.name))
}

/** Whether a pattern expands to this index, by its state (expand_wildcards open / closed). */
function expands(metadata: IndexMetadata, options: IndicesOptions): boolean {
  return isClosed(metadata) ? options.expandClosed : options.expandOpen
}

/** Each data stream's backing indices, from the indices that record it. */
function backingIndicesLookup(indices: readonly IndexMetadata[]): Map<string, IndexMetadata[]> {
  const out = new Map<string, IndexMetadata[]>()
  for (const metadata of indices) {
    if (metadata.dataStream === undefined) continue
    out.set(metadata.dataStream, [...(out.get(metadata.dataStream) ?? []), metadata])
  }
  return out
}

/**
 * The concrete index names an expression names, sorted; `_all`, `*` or none is every index the options
 * expand to. A closed index that is reached while the options forbid closed indices is
 * index_closed_exception, or left out with ignore_unavailable (IndexNameExpressionResolver
 * .shouldTrackConcreteIndex); nothing at all with allow_no_indices false is index_not_found_exception.
 */
export function concreteIndexNames(
  indices: readonly IndexMetadata[],
  expression: string | undefined,
  options: IndicesOptions = STRICT_EXPAND_OPEN_FORBID_CLOSED,
): string[] {
  const resolved = resolveExpression(indices, expression, options)
  const names = new Set(
    resolved === null
      ? indices.filter((metadata) => expands(metadata, options)).map((metadata) => metadata.name)
      : resolved.indices,
  )
  const lookup = aliasesLookup(indices)
  for (const alias of resolved === null ? [] : [...resolved.namedAliases, ...resolved.patternAliases]) {
    lookup.get(alias)!.members.forEach((m) => names.add(m.index))
  }
  const byName = new Map(indices.map((metadata) => [metadata.name, metadata]))
  const concrete = [...names].sort().filter((name) => {
    const metadata = byName.get(name)!
    if (!isClosed(metadata) || !options.forbidClosed) return true
    if (options.ignoreUnavailable) return false
    throw indexClosedException(metadata.name, metadata.uuid)
  })
  if (concrete.length === 0 && !options.allowNoIndices) throw indexNotFoundException(expression ?? '_all')
  return concrete
}

/**
 * Metadata.findAliases: for each of `indices` (in the order given), its aliases that the requested names
 * select, sorted by name. Names are alias names and `*` patterns (`_all` is every alias); a `-name` or
 * `-pattern`, wherever it stands, takes out again the aliases the names before it selected (Metadata.findAliasInfo).
 * No names selects every alias.
 */
export function findAliases(
  indices: readonly IndexMetadata[],
  names: readonly string[],
): Array<{ index: string; aliases: Array<[string, AliasMetadata]> }> {
  return indices.map((metadata) => ({
    index: metadata.name,
    aliases: Object.entries(aliasesOf(metadata))
      .filter(([alias]) => names.length === 0 || aliasSelected(names, alias))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }))
}

function aliasSelected(names: readonly string[], alias: string): boolean {
  let selected = false
  for (const name of names) {
    if (name.startsWith('-')) {
      if (selected) selected = !simpleMatch(name.slice(1), alias)
    } else if (!selected) selected = name === '_all' || simpleMatch(name, alias)
  }
  return selected
}

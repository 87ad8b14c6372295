/**
 * The names a request can use for indices, as ES 8's IndicesLookup (IndexAbstraction: concrete index or
 * alias) and IndexNameExpressionResolver see them, over the indices' metadata:
 * - an alias names the indices that carry it; its write index (IndexAbstraction.Alias.getWriteIndex) is
 *   the one with is_write_index true, else its only index unless that one says false, else none;
 * - an expression is a comma list of index names, alias names and `*` patterns; a pattern matches index
 *   names and the names of aliases that are not hidden; a missing name is index_not_found_exception.
 * Index and alias names never collide (the master refuses it), so a name is one or the other.
 */
import { illegalArgumentException, indexNotFoundException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { aliasesOf, type AliasMetadata } from './alias-metadata.ts'

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
 * Metadata.resolveWriteIndexRouting): the index itself, or the alias's write index with the alias's
 * index routing; null when the name is neither (the write may create the index).
 */
export function resolveWriteTarget(
  indices: readonly IndexMetadata[],
  name: string,
  routing: string | null,
): { index: string; routing: string | null } | null {
  if (indices.some((metadata) => metadata.name === name)) return { index: name, routing }
  const alias = aliasesLookup(indices).get(name)
  if (!alias) return null
  const write = writeIndexOf(alias)
  if (!write) {
    throw illegalArgumentException(
      `no write index is defined for alias [${name}]. The write index may be explicitly disabled using ` +
        'is_write_index=false or the alias points to multiple indices without one being designated as a write index',
    )
  }
  const aliasRouting = write.alias.indexRouting
  if (aliasRouting === undefined) return { index: write.index, routing }
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
  return { index: write.index, routing: aliasRouting }
}

/** The concrete index names an expression names, sorted; `_all`, `*` or none is every index. */
export function concreteIndexNames(
  indices: readonly IndexMetadata[],
  expression: string | undefined,
): string[] {
  const all = indices.map((metadata) => metadata.name)
  if (expression === undefined || expression === '' || expression === '_all') return all.sort()
  const aliases = aliasesLookup(indices)
  const names = new Set<string>()
  const addAlias = (alias: IndexAlias): void => alias.members.forEach((member) => names.add(member.index))
  for (const part of expression.split(',')) {
    if (part.includes('*')) {
      for (const name of all) if (simpleMatch(part, name)) names.add(name)
      for (const alias of aliases.values()) {
        if (simpleMatch(part, alias.name) && !alias.members.some((m) => m.alias.isHidden === true))
          addAlias(alias)
      }
      continue
    }
    const alias = aliases.get(part)
    if (alias) addAlias(alias)
    else if (all.includes(part)) names.add(part)
    else throw indexNotFoundException(part)
  }
  return [...names].sort()
}

/**
 * Metadata.findAliases: for each of `indices` (in the order given), its aliases that the requested names
 * select, sorted by name. Names are alias names and `*` patterns (`_all` is every alias); after a
 * pattern, `-name` takes matching aliases out again. No names selects every alias.
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
  let wildcardSeen = false
  for (const name of names) {
    if (wildcardSeen && name.startsWith('-')) {
      const excluded = name.slice(1)
      if (excluded === '_all' || simpleMatch(excluded, alias)) selected = false
      continue
    }
    if (name.includes('*')) wildcardSeen = true
    if (name === '_all' || simpleMatch(name, alias)) selected = true
  }
  return selected
}

/**
 * AliasMetadata: one alias of one index, as ES 8's IndexMetadata keeps it (alias name → filter, index and
 * search routing, is_write_index, is_hidden). It rides in the index's settings slot of the cluster state
 * (`AliasedIndexMetadata`), so an alias goes when its index goes and every node learns it with the index.
 *
 * Invariants: `filter` is the compact JSON text of a non-empty query object (kept as text: it is
 * structured-clonable and renders back byte for byte); an unset field is absent, never null.
 * Rendering follows AliasMetadata.Builder.toXContent: filter, index_routing, search_routing,
 * is_write_index, is_hidden, each only when set; an index's aliases come sorted by name.
 */
import { illegalArgumentException, type EsException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { valueToken } from '../../action/value-token.ts'
import { RawJson, toJson, XNumber, type JsonOut, type XContentValue } from '../../xcontent/index.ts'

export interface AliasMetadata {
  readonly filter?: string
  readonly indexRouting?: string
  readonly searchRouting?: string
  readonly isWriteIndex?: boolean
  readonly isHidden?: boolean
}

export type AliasesMetadata = Readonly<Record<string, AliasMetadata>>

export function aliasesOf(metadata: IndexMetadata): AliasesMetadata {
  return metadata.aliases ?? {}
}

export function withAliases(metadata: IndexMetadata, aliases: AliasesMetadata): IndexMetadata {
  return { ...metadata, aliases }
}

export function aliasToJson(alias: AliasMetadata): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  if (alias.filter !== undefined) out.set('filter', new RawJson(alias.filter))
  if (alias.indexRouting !== undefined) out.set('index_routing', alias.indexRouting)
  if (alias.searchRouting !== undefined) out.set('search_routing', alias.searchRouting)
  if (alias.isWriteIndex !== undefined) out.set('is_write_index', alias.isWriteIndex)
  if (alias.isHidden !== undefined) out.set('is_hidden', alias.isHidden)
  return out
}

/** `{"<alias>":{...},...}` sorted by alias name, as GET /<index> and GET _alias show them. */
export function aliasesToJson(aliases: AliasesMetadata): Map<string, JsonOut> {
  return new Map(
    Object.keys(aliases)
      .sort()
      .map((name) => [name, aliasToJson(aliases[name]!)]),
  )
}

/** An alias filter as stored: the compact JSON of a non-empty object, or nothing. */
export function filterText(filter: XContentValue): string | undefined {
  if (filter instanceof Map) return filter.size === 0 ? undefined : toJson(filter)
  return undefined
}

/** A routing value given as a string or a number (ObjectParser ValueType.INT reads both as text). */
export function routingText(value: XContentValue): string | null {
  if (typeof value === 'string') return value
  if (value instanceof XNumber) return value.text
  return null
}

/**
 * One entry of an `aliases` object of index creation or a template (Alias.fromXContent): filter,
 * routing, index_routing, search_routing (and their camelCase and dashed forms), is_write_index,
 * is_hidden. `routing` sets both routings; fields apply in the order given.
 */
export function parseAliasDefinition(name: string, value: XContentValue): AliasMetadata {
  if (!(value instanceof Map))
    throw illegalArgumentException(`Unknown token [${valueToken(value)}] in alias [${name}]`)
  const alias: { -readonly [K in keyof AliasMetadata]: AliasMetadata[K] } = {}
  for (const [field, entry] of value) {
    if (field === 'filter') {
      const filter = filterText(entry)
      if (filter !== undefined) alias.filter = filter
      continue
    }
    if (field === 'is_write_index' || field === 'is_hidden') {
      if (typeof entry !== 'boolean') throw unknownField(field, name)
      if (field === 'is_write_index') alias.isWriteIndex = entry
      else alias.isHidden = entry
      continue
    }
    const text = routingText(entry)
    if (text === null) throw unknownField(field, name)
    if (field === 'routing') {
      alias.indexRouting = text
      alias.searchRouting = text
    } else if (['index_routing', 'indexRouting', 'index-routing'].includes(field)) {
      alias.indexRouting = text
    } else if (['search_routing', 'searchRouting', 'search-routing'].includes(field)) {
      alias.searchRouting = text
    } else {
      throw unknownField(field, name)
    }
  }
  return alias
}

function unknownField(field: string, alias: string): EsException {
  return illegalArgumentException(`Unknown field [${field}] in alias [${alias}]`)
}

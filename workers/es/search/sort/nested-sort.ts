/**
 * Sorting root documents by the values of their nested documents, as ES 8's FieldSortBuilder.build with a
 * `nested` sort resolves it (SortBuilder.resolveNested) and MultiValueMode's nested `select` reads it:
 * - resolution: each level's `path` must be an object mapping ("[nested] failed to find nested object under path
 *   [p]") of type nested ("... is not of nested type"), both query_shard_exception; a deeper level with
 *   `max_children` is refused ("max_children is only supported on top level of nested sort"); a level without a
 *   path ends the resolution with no nested sort at all (resolveNestedQuery returns null). Without `nested`, a field
 *   inside a nested object that is not `include_in_root` is refused (validateMissingNestedPath);
 * - the child documents: at the top level the filter alone when given (ES keeps this for back-compat: no nested
 *   type filter), else the path's nested documents (`_nested_path:<path>`); at each deeper level the path's nested
 *   documents that match its filter and whose enclosing document of the level above is one of that level's child
 *   documents (ToChildBlockJoinQuery);
 * - a root's value: the child documents of its block (after the previous root, before it) in doc id order, only
 *   those with values, at most `max_children` of them; MIN / MAX over all their values, SUM and AVG over all of them
 *   (a long average rounded with Math.round), or the missing value when none has a value. MEDIAN is the
 *   illegal_argument_exception "Unsupported sort mode: MEDIAN" when a document is sorted.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { NESTED_PATH_FIELD } from '../../index/mapper/nested-mapping.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import type { FieldMapping, Mapping } from '../../index/mapper/mapping.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { DocValuesSource, FieldValue } from '../aggregations/index.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { searchFields } from '../search-fields.ts'
import type { SortIndex } from './sort-field.ts'
import { ALL_CHILDREN, type NestedSortBuilder } from './nested-sort-builder.ts'

export interface NestedSortLevel {
  path: string
  filter: XContentValue | null
}

/** A resolved nested sort: its levels, outermost first, and the top level's max_children. */
export interface NestedSort {
  levels: NestedSortLevel[]
  maxChildren: number
}

/** What resolving a nested sort needs of the index: its object and nested mappings by full path. */
export interface NestedSortIndex {
  objects: ReadonlyMap<string, FieldMapping>
}

const objectsCache = new WeakMap<Mapping, ReadonlyMap<string, FieldMapping>>()

/** The mapping's object and nested mappings by full path (the mapping object is never changed in place). */
function nestedSortIndex(mapping: Mapping): NestedSortIndex {
  let objects = objectsCache.get(mapping)
  if (objects === undefined) {
    const found = new Map<string, FieldMapping>()
    const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
      for (const [name, field] of Object.entries(properties)) {
        if (field.type !== 'object' && field.type !== 'nested') continue
        found.set(prefix + name, field)
        walk(field.properties ?? {}, `${prefix}${name}.`)
      }
    }
    walk(mapping.properties, '')
    objects = found
    objectsCache.set(mapping, objects)
  }
  return { objects }
}

interface IndexName {
  name: string
  uuid: string
}

/** What a search's field sorts are built against on a shard and on the coordinating node. */
export function searchSortIndex({ name, uuid, mapping }: IndexName & { mapping: Mapping }): SortIndex {
  return { name, uuid, fields: searchFields(mapping), nested: nestedSortIndex(mapping) }
}

/** FieldSortBuilder.nested for a mapped field: the resolved nested sort, or null to sort on the document's own values. */
export function resolveNestedSort(
  field: string,
  nested: NestedSortBuilder | null,
  lookup: NestedSortIndex,
  index: IndexName,
): NestedSort | null {
  if (nested === null) {
    validateMissingNestedPath(field, lookup, index)
    return null
  }
  for (let child = nested.nested; child !== null; child = child.nested) {
    if (child.maxChildren !== ALL_CHILDREN)
      throw queryShardException('max_children is only supported on top level of nested sort', index)
  }
  const levels: NestedSortLevel[] = []
  for (let level: NestedSortBuilder | null = nested; level !== null; level = level.nested) {
    if (level.path === null) return null
    const mapper = lookup.objects.get(level.path)
    if (mapper === undefined)
      throw queryShardException(`[nested] failed to find nested object under path [${level.path}]`, index)
    if (mapper.type !== 'nested')
      throw queryShardException(
        `[nested] nested object under path [${level.path}] is not of nested type`,
        index,
      )
    levels.push({ path: level.path, filter: level.filter })
  }
  return { levels, maxChildren: nested.maxChildren }
}

/** The innermost nested mapping above a field must be `include_in_root` for a sort without `nested`. */
function validateMissingNestedPath(field: string, lookup: NestedSortIndex, index: IndexName): void {
  let parent: FieldMapping | null = null
  for (const [path, mapper] of lookup.objects) {
    if (mapper.type === 'nested' && field.startsWith(`${path}.`)) parent = mapper
  }
  if (parent !== null && parent.include_in_root !== true) {
    throw queryShardException(
      `it is mandatory to set the [nested] context on the nested sort field: [${field}].`,
      index,
    )
  }
}

/** The documents of a shard matching a query (deleted ones excluded). */
export type DocSet = (query: IndexQuery) => ReadonlySet<number>

/** Builds a nested sort's filter inside the nested scope of its path. */
export type NestedFilterBuilder = (filter: XContentValue, path: string) => IndexQuery

/** One shard's child documents of root documents for nested sorts; each level's documents computed once. */
export class NestedSortDocs {
  private roots: number[] | null = null
  private readonly children = new Map<NestedSort, number[]>()

  constructor(
    private readonly docSet: DocSet,
    private readonly buildFilter: NestedFilterBuilder,
  ) {}

  /** The root's child documents for the sort, ascending (before max_children). */
  childrenOf(nested: NestedSort, root: number): number[] {
    this.roots ??= sorted(this.docSet({ type: 'nonNested', boost: 1 }))
    const roots = this.roots
    const previous = roots[firstAbove(roots, root - 1) - 1] ?? -1
    const children = this.childDocs(nested)
    return children.slice(firstAbove(children, previous), firstAbove(children, root - 1))
  }

  private childDocs(nested: NestedSort): number[] {
    let docs = this.children.get(nested)
    if (docs !== undefined) return docs
    let above: { type: number[]; matching: ReadonlySet<number> } | null = null
    for (const level of nested.levels) {
      const type = this.docSet({ type: 'term', field: NESTED_PATH_FIELD, term: level.path, boost: 1 })
      const filter = level.filter === null ? null : this.docSet(this.buildFilter(level.filter, level.path))
      let matching: ReadonlySet<number>
      if (above === null) matching = filter ?? type
      else {
        const parents = above
        matching = new Set(
          [...type].filter(
            (doc) =>
              (filter === null || filter.has(doc)) &&
              parents.matching.has(parents.type[firstAbove(parents.type, doc)] ?? -1),
          ),
        )
      }
      above = { type: sorted(type), matching }
    }
    docs = sorted(above!.matching)
    this.children.set(nested, docs)
    return docs
  }
}

/** The values a root sorts by: its children's, at most max_children children with values, ascending. */
export function nestedSortValues(
  field: string,
  mode: string,
  nested: NestedSort,
  children: readonly number[],
  source: DocValuesSource,
): FieldValue[] {
  if (mode === 'median') throw illegalArgumentException('Unsupported sort mode: MEDIAN')
  const values: FieldValue[] = []
  let counted = 0
  for (const child of children) {
    const own = source.values(field, child)
    if (own.length === 0) continue
    if (++counted > nested.maxChildren) break
    values.push(...own)
  }
  return values.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : compareUtf8(String(a), String(b)),
  )
}

function sorted(docs: ReadonlySet<number>): number[] {
  return [...docs].sort((a, b) => a - b)
}

/** The index of the first element of the ascending `docs` above `doc` (docs.length when none is). */
function firstAbove(docs: readonly number[], doc: number): number {
  let low = 0
  let high = docs.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (docs[middle]! <= doc) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Which mapped fields a `query_string` term is searched in, as Elasticsearch's QueryParserHelper resolves
 * them: a concrete name stays itself if mapped or a queryable metadata field (`_id`, `_index`, `_routing`,
 * `_ignored`), else nothing; a simple pattern (`*`, `user.*`, `*_name`) expands to the matching leaf fields and
 * metadata fields; `fields` entries carry `^boost` weights, and a field named twice has its weights multiplied.
 * For quoted text, `quote_field_suffix` swaps a field for `field + suffix` when that field exists. Every leaf type
 * the playground maps is searchable, so `*` keeps them all. A field alias matched together with its target counts
 * as its target (whose weight then multiplies again, as ES's does).
 * A pattern that does not accept metadata fields (`*` always; any pattern named in the query text itself) skips
 * every field whose (target's) name starts with `_`, the mapping's own such fields too (resolveMappingField's
 * acceptMetadataField). Resolved maps keep the mapping's field order, metadata fields last (ES keeps its own hash
 * order; scores do not depend on it).
 */
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { concreteFieldName } from '../search-fields.ts'
import { QUERYABLE_METADATA_FIELDS } from '../queries/metadata-field-types.ts'

/** Field name → weight, in resolution order. */
export type FieldWeights = Map<string, number>

/** Regex.isSimpleMatchPattern: the name contains `*`. */
export function isPattern(name: string): boolean {
  return name.includes('*')
}

/** Regex.simpleMatch: `*` matches any run of characters, everything else literally. */
export function simpleMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*')
  if (parts.length === 1) return pattern === name
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last))
    return false
  let at = first.length
  const end = name.length - last.length
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at)
    if (found < 0 || found + middle.length > end) return false
    at = found + middle.length
  }
  return true
}

/** `title^2` → ["title", 2] (QueryParserHelper.parseFieldsAndWeights). */
export function parseFieldAndWeight(spec: string): [string, number] {
  const caret = spec.lastIndexOf('^')
  if (caret < 0) return [spec, 1]
  return [spec.slice(0, caret), Number(spec.slice(caret + 1))]
}

/** Regex.isMatchAllPattern. */
function isMatchAll(name: string): boolean {
  return name === '*'
}

/**
 * QueryParserHelper.resolveMappingField; `acceptMetadata` is whether a pattern may expand to metadata fields
 * (never for `*`).
 */
export function resolveField(
  fields: ReadonlyMap<string, FieldMapping>,
  nameOrPattern: string,
  weight: number,
  quoteFieldSuffix: string | null,
  acceptMetadata: boolean,
): FieldWeights {
  const out: FieldWeights = new Map()
  const metadata = QUERYABLE_METADATA_FIELDS.filter((name) => !fields.has(name))
  const names = isPattern(nameOrPattern)
    ? [...fields.keys(), ...metadata].filter(
        (name) =>
          simpleMatch(nameOrPattern, name) &&
          ((acceptMetadata && !isMatchAll(nameOrPattern)) ||
            !concreteFieldName(fields, name).startsWith('_')),
      )
    : fields.has(nameOrPattern) || metadata.includes(nameOrPattern)
      ? [nameOrPattern]
      : []
  for (const name of names) {
    const suffixed =
      quoteFieldSuffix !== null && fields.has(name + quoteFieldSuffix) ? name + quoteFieldSuffix : name
    // "Deduplicate aliases and their concrete fields": an alias matched with its target is its target.
    const concrete = concreteFieldName(fields, suffixed)
    const target = names.includes(concrete) ? concrete : suffixed
    out.set(target, (out.get(target) ?? 1) * weight)
  }
  return out
}

/** QueryParserHelper.resolveMappingFields: the `fields` list (or default fields) and their weights. */
export function resolveFields(
  fields: ReadonlyMap<string, FieldMapping>,
  weights: ReadonlyMap<string, number>,
  quoteFieldSuffix: string | null,
): FieldWeights {
  const out: FieldWeights = new Map()
  for (const [name, weight] of weights) {
    for (const [field, w] of resolveField(fields, name, weight, quoteFieldSuffix, !isMatchAll(name))) {
      out.set(field, (out.get(field) ?? 1) * w)
    }
  }
  return out
}

/**
 * Prefix, wildcard, regexp and fuzzy queries on `version` fields (version-field.ts). VersionStringFieldType matches
 * them against each indexed term decoded back to its version text (prefix as the wildcard `value*`, wildcard through
 * VersionFieldWildcardQuery, regexp and fuzzy through a terms enum that decodes); the playground indexes those decoded
 * texts under a field of their own, so a query is built as on a keyword field and each such leaf on a version field
 * is then pointed at it. The constant-score ones (prefix, wildcard, regexp) are wrapped in a constant score that
 * describes itself with the version field's name, as VersionFieldWildcardQuery.toString and RegexpQuery print it; the
 * wrapper made here is left whole when an enclosing query is rewritten again.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { versionDecodedField } from '../../index/mapper/version-field.ts'
import { describeUnboosted } from '../explain/query-description.ts'
import { rewriteLeaves } from './query-leaves.ts'

const rewritten = new WeakSet<IndexQuery>()
const hasVersion = new WeakMap<ReadonlyMap<string, FieldMapping>, boolean>()

export function versionQuery(query: IndexQuery, fields: ReadonlyMap<string, FieldMapping>): IndexQuery {
  if (!mapsVersion(fields)) return query
  return rewriteLeaves(
    query,
    (leaf) => {
      if (
        leaf.type !== 'prefix' &&
        leaf.type !== 'wildcard' &&
        leaf.type !== 'regexp' &&
        leaf.type !== 'fuzzy'
      )
        return leaf
      if (fields.get(leaf.field)?.type !== 'version') return leaf
      const decoded = { ...leaf, field: versionDecodedField(leaf.field) }
      const out: IndexQuery =
        leaf.type === 'fuzzy'
          ? decoded
          : {
              type: 'constantScore',
              filter: { ...decoded, boost: 1 },
              boost: leaf.boost,
              description: describeUnboosted(leaf.type === 'prefix' ? prefixAsWildcard(leaf) : leaf),
            }
      rewritten.add(out)
      return out
    },
    (q) => rewritten.has(q),
  )
}

/** VersionStringFieldType.prefixQuery: the wildcard query of the value and `*`. */
function prefixAsWildcard(leaf: Extract<IndexQuery, { type: 'prefix' }>): IndexQuery {
  return { type: 'wildcard', field: leaf.field, pattern: `${leaf.prefix}*`, boost: leaf.boost }
}

function mapsVersion(fields: ReadonlyMap<string, FieldMapping>): boolean {
  let known = hasVersion.get(fields)
  if (known === undefined) {
    known = [...fields.values()].some((field) => field.type === 'version')
    hasVersion.set(fields, known)
  }
  return known
}

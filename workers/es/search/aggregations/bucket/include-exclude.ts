/**
 * IncludeExclude for terms: `include` / `exclude` as arrays of exact values (strings, or numbers for
 * numeric fields) or as a regular expression over the whole term. A term passes when it is included
 * (or there is no include) and not excluded.
 *
 * Known gap: the regular expression is a JavaScript RegExp anchored at both ends, not Lucene's RegExp
 * syntax (the common `.*`, `[a-z]+`, `a|b` forms read the same); `{"partition":..}` is not supported.
 */
import { parsingException } from '../../../errors/index.ts'
import { XNumber, type XContentValue } from '../../../xcontent/index.ts'
import type { FieldValue } from '../aggregation-context.ts'
import { tokenName } from '../aggregation-params.ts'

export type TermFilter = (term: FieldValue) => boolean

export function parseIncludeExclude(
  include: XContentValue | undefined,
  exclude: XContentValue | undefined,
): TermFilter {
  const inc = matcher(include, 'include')
  const exc = matcher(exclude, 'exclude')
  return (term) => (inc === null || inc(term)) && (exc === null || !exc(term))
}

function matcher(value: XContentValue | undefined, key: string): TermFilter | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') {
    const pattern = new RegExp(`^(?:${value})$`, 'u')
    return (term) => typeof term === 'string' && pattern.test(term)
  }
  if (Array.isArray(value)) {
    const strings = new Set<string>()
    const numbers = new Set<number>()
    for (const v of value) {
      if (v instanceof XNumber) numbers.add(v.value)
      else if (typeof v === 'string') {
        strings.add(v)
        if (v.trim() !== '' && Number.isFinite(Number(v))) numbers.add(Number(v))
      } else throw parsingException(1, 1, `Unrecognized token for an ${key} [${tokenName(v)}]`)
    }
    return (term) => (typeof term === 'string' ? strings.has(term) : numbers.has(term))
  }
  throw parsingException(
    1,
    1,
    `Unrecognized token for an ${key} [${typeof value === 'boolean' ? value : 'object'}]`,
  )
}

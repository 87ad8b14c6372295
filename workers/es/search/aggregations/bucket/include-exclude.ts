/**
 * IncludeExclude for terms: `include` / `exclude` as arrays of exact values (strings, or numbers for
 * numeric fields) or as a regular expression over the whole term. A term passes when it is included
 * (or there is no include) and not excluded.
 *
 * Known gap: the regular expression is a JavaScript RegExp anchored at both ends, not Lucene's RegExp
 * syntax (the common `.*`, `[a-z]+`, `a|b` forms read the same); `{"partition":..}` is not supported.
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
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

/**
 * The refusal terms', rare_terms' and significant_terms' aggregator suppliers make of a regular-expression `include` /
 * `exclude` (IncludeExclude.isRegexBased) over a field that is not a keyword: `type` is the values source's field type
 * (undefined when unmapped). An ip field goes through the bytes supplier, whose text names no numeric values (its
 * DocValueFormat is not RAW); numeric, date and boolean fields through the numeric supplier.
 */
export function checkRegexIncludeExclude(
  name: string,
  type: string | undefined,
  include: XContentValue | undefined,
  exclude: XContentValue | undefined,
): void {
  const regex = typeof include === 'string' || typeof exclude === 'string'
  if (!regex || type === undefined || type === 'keyword') return
  throw illegalArgumentException(
    `Aggregation [${name}] cannot support regular expression style include/exclude settings as they can only be ` +
      'applied to string fields. Use an array of ' +
      (type === 'ip'
        ? 'values for include/exclude clauses'
        : 'numeric values for include/exclude clauses used to filter numeric fields'),
  )
}

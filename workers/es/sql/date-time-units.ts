/**
 * The unit names DATE_ADD, DATE_DIFF, DATE_PART and DATE_TRUNC take as their first argument (the Part enums of
 * ES SQL's DateAdd, DateDiff, DatePart and DateTrunc): each part's lower-case name and its aliases, matched
 * without case (DateTimeField.resolveMatch). An unknown name fails as the functions' resolveType does: with the
 * similar names (ql StringUtils.findSimilar: Levenshtein similarity at least 0.5, best first, ties in the
 * iteration order of the HashMap the names live in) `Unknown value ['x'] for first argument of [F(…)]; did you
 * mean [a, b]?`, else `first argument of [F(…)] must be one of [YEAR, …] or their aliases; found value ['x']`.
 */
import { similarity } from '../common/did-you-mean.ts'
import { javaHashMapKeyOrder } from '../../net/java-hash.ts'

export type DateUnit =
  | 'MILLENNIUM'
  | 'CENTURY'
  | 'DECADE'
  | 'YEAR'
  | 'QUARTER'
  | 'MONTH'
  | 'DAYOFYEAR'
  | 'DAY'
  | 'WEEK'
  | 'WEEKDAY'
  | 'HOUR'
  | 'MINUTE'
  | 'SECOND'
  | 'MILLISECOND'
  | 'MICROSECOND'
  | 'NANOSECOND'
  | 'TZOFFSET'

type PartTable = readonly (readonly [DateUnit, ...string[]])[]

const ADD_DIFF_PARTS: PartTable = [
  ['YEAR', 'years', 'yyyy', 'yy'],
  ['QUARTER', 'quarters', 'qq', 'q'],
  ['MONTH', 'months', 'mm', 'm'],
  ['DAYOFYEAR', 'dy', 'y'],
  ['DAY', 'days', 'dd', 'd'],
  ['WEEK', 'weeks', 'wk', 'ww'],
  ['WEEKDAY', 'weekdays', 'dw'],
  ['HOUR', 'hours', 'hh'],
  ['MINUTE', 'minutes', 'mi', 'n'],
  ['SECOND', 'seconds', 'ss', 's'],
  ['MILLISECOND', 'milliseconds', 'ms'],
  ['MICROSECOND', 'microseconds', 'mcs'],
  ['NANOSECOND', 'nanoseconds', 'ns'],
]

const PART_PARTS: PartTable = [...ADD_DIFF_PARTS, ['TZOFFSET', 'tz']]

const TRUNC_PARTS: PartTable = [
  ['MILLENNIUM', 'millennia'],
  ['CENTURY', 'centuries'],
  ['DECADE', 'decades'],
  ['YEAR', 'years', 'yy', 'yyyy'],
  ['QUARTER', 'quarters', 'qq', 'q'],
  ['MONTH', 'months', 'mm', 'm'],
  ['WEEK', 'weeks', 'wk', 'ww'],
  ['DAY', 'days', 'dd', 'd'],
  ['HOUR', 'hours', 'hh'],
  ['MINUTE', 'minutes', 'mi', 'n'],
  ['SECOND', 'seconds', 'ss', 's'],
  ['MILLISECOND', 'milliseconds', 'ms'],
  ['MICROSECOND', 'microseconds', 'mcs'],
  ['NANOSECOND', 'nanoseconds', 'ns'],
]

/** One function's unit names: resolve a name, or explain why it does not resolve. */
export class DateUnits {
  private readonly byName = new Map<string, DateUnit>()
  private readonly names: readonly string[]
  private readonly valid: string

  constructor(table: PartTable) {
    for (const [unit, ...aliases] of table) {
      this.byName.set(unit.toLowerCase(), unit)
      for (const alias of aliases) this.byName.set(alias, unit)
    }
    this.names = javaHashMapKeyOrder([...this.byName.keys()])
    this.valid = `[${table.map(([unit]) => unit).join(', ')}]`
  }

  resolve(name: string): DateUnit | null {
    return this.byName.get(name.toLowerCase()) ?? null
  }

  /** The Verifier's message for a unit literal `literal` (as typed) of value `name`, or null when it resolves. */
  failure(name: string, literal: string, call: string): string | null {
    if (this.resolve(name) !== null) return null
    const similar = this.names
      .map((candidate) => ({ candidate, score: similarity(name, candidate) }))
      .filter(({ score }) => score >= 0.5)
      .sort((a, b) => b.score - a.score)
      .map(({ candidate }) => candidate)
    if (similar.length === 0)
      return `first argument of [${call}] must be one of ${this.valid} or their aliases; found value [${literal}]`
    return `Unknown value [${literal}] for first argument of [${call}]; did you mean [${similar.join(', ')}]?`
  }
}

export const ADD_UNITS = new DateUnits(ADD_DIFF_PARTS)
export const DIFF_UNITS = ADD_UNITS
export const PART_UNITS = new DateUnits(PART_PARTS)
export const TRUNC_UNITS = new DateUnits(TRUNC_PARTS)

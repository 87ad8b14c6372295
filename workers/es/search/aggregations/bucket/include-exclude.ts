/**
 * IncludeExclude (terms, rare_terms, significant_terms, significant_text), as ES 8.17 parses and applies it:
 * - `include`: a regular expression (Lucene's RegExp with every flag, run as an automaton over the whole term, never
 *   a backtracking JavaScript RegExp), an array of exact values (strings, or numbers for numeric fields), or a
 *   partition `{"partition": p, "num_partitions": n}`;
 * - `exclude`: a regular expression or an array. A term passes when it is included (or there is no include) and not
 *   excluded.
 * A partition keeps the terms whose hash, floorMod num_partitions, is the partition (IncludeExclude's partitioned
 * filters): a string term's StringHelper.murmurhash3_x86_32 of its bytes with seed 31 (an ip's 16 address bytes, a
 * version's encoded bytes, a keyword's UTF-8), a number's BitMixer.mix64 of its long (a double's sortable long).
 * Callers hand the filter a term as they show it: an ip's address text, a version's text, a boolean's 1 or 0 (or its
 * "true" / "false"). Parse errors are ObjectParser's "[type] failed to parse field [include]" caused by
 * IncludeExclude's own, and a partition with an exclude fails at whichever of the two keys comes last (merge).
 */
import {
  elasticsearchParseException,
  illegalArgumentException,
  type EsException,
} from '../../../errors/index.ts'
import { XNumber, type XContentValue } from '../../../xcontent/index.ts'
import {
  compileRegexp,
  RegexpFlags,
  RegexpSyntaxError,
} from '../../../../../engine-wasm/src/index/automaton/regexp.ts'
import { runDfa } from '../../../../../engine-wasm/src/index/automaton/determinize.ts'
import { termAddresses } from '../../../common/network/inet-addresses.ts'
import { encodeVersion } from '../../../index/mapper/version-field.ts'
import { murmurhash3x86 } from '../../queries/random-score.ts'
import { mix64 } from '../metrics/murmur3-x64-128.ts'
import type { FieldValue, ValueFormat } from '../aggregation-context.ts'
import { DateValueFormat } from '../date-value-format.ts'
import type { AggregationParams } from '../aggregation-params.ts'

export type TermFilter = (term: FieldValue) => boolean

/** A date values source's parse of an include/exclude value (DocValueFormat.DateTime.parseLong); none otherwise. */
export function dateParseLong(
  format: ValueFormat | null,
  now: number,
): ((text: string) => number) | undefined {
  return format instanceof DateValueFormat ? (text) => format.parse(text, now, false) : undefined
}

/** How a partition hashes a term (the values source it comes from). */
export type TermKind = 'string' | 'ip' | 'version' | 'long' | 'double'

/**
 * A parsed include/exclude: the filter over one kind of terms. `parseLong` reads an array's text values as a date
 * field's DocValueFormat does (IncludeExclude.convertToLongFilter's format.parseLong); without it a text value names
 * the number it spells.
 */
export type IncludeExclude = (kind: TermKind, parseLong?: (text: string) => number) => TermFilter

/** Operations.DEFAULT_DETERMINIZE_WORK_LIMIT, which RegExp.toAutomaton() determinizes under. */
const MAX_DETERMINIZED_STATES = 10_000
const HASH_PARTITIONING_SEED = 31
const encoder = new TextEncoder()

interface Partition {
  partition: number
  numPartitions: number
}

export function parseIncludeExclude(params: AggregationParams): IncludeExclude {
  const include = params.raw('include')
  const exclude = params.raw('exclude')
  const partition = include instanceof Map ? parsePartition(params, include) : null
  if (partition !== null) {
    if (exclude !== undefined && exclude !== null) {
      const keys = [...params.body.keys()]
      const last = keys.indexOf('exclude') > keys.indexOf('include') ? 'exclude' : 'include'
      throw params.fieldFailure(
        last,
        illegalArgumentException('Cannot specify any excludes when using a partition-based include'),
      )
    }
    return (kind) => (term) => inPartition(term, kind, partition)
  }
  const inc = matcher(params, 'include', include)
  const exc = matcher(params, 'exclude', exclude)
  return (_kind, parseLong) => {
    const included = inc?.(parseLong) ?? null
    const excluded = exc?.(parseLong) ?? null
    return (term) => (included === null || included(term)) && (excluded === null || !excluded(term))
  }
}

/** IncludeExclude.parseInclude's object form. */
function parsePartition(params: AggregationParams, body: ReadonlyMap<string, XContentValue>): Partition {
  const fail = (cause: EsException): EsException => params.fieldFailure('include', cause)
  let partition: number | null = null
  let numPartitions: number | null = null
  for (const [key, value] of body) {
    if (key !== 'partition' && key !== 'num_partitions')
      throw fail(elasticsearchParseException(`Unknown parameter in Include/Exclude clause: ${key}`))
    const n = value instanceof XNumber ? value.value : typeof value === 'string' ? Number(value) : NaN
    if (!Number.isFinite(n)) throw params.wrongType('include', value)
    if (key === 'partition') partition = Math.trunc(n)
    else numPartitions = Math.trunc(n)
  }
  if (partition === null)
    throw fail(illegalArgumentException('Missing [partition] parameter for partition-based include'))
  if (numPartitions === null)
    throw fail(illegalArgumentException('Missing [num_partitions] parameter for partition-based include'))
  if (partition < 0 || partition >= numPartitions)
    throw fail(illegalArgumentException(`Partition must be >=0 and < numPartition which is ${numPartitions}`))
  return { partition, numPartitions }
}

function matcher(
  params: AggregationParams,
  key: 'include' | 'exclude',
  value: XContentValue | undefined,
): ((parseLong: ((text: string) => number) | undefined) => TermFilter) | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') {
    let dfa
    try {
      dfa = compileRegexp(value, MAX_DETERMINIZED_STATES, RegexpFlags.ALL)
    } catch (error) {
      if (!(error instanceof RegexpSyntaxError)) throw error
      throw params.fieldFailure(key, illegalArgumentException(error.message))
    }
    return () => (term) => typeof term === 'string' && runDfa(dfa, term)
  }
  if (Array.isArray(value)) {
    const strings = new Set<string>()
    const numbers = new Set<number>()
    for (const v of value) {
      if (v instanceof XNumber) numbers.add(v.value)
      else if (typeof v === 'string') strings.add(v)
      else if (typeof v === 'boolean') strings.add(String(v))
      else
        throw params.fieldFailure(
          key,
          elasticsearchParseException('Array elements in include/exclude clauses should be string values'),
        )
    }
    return (parseLong) => {
      const longs = new Set(numbers)
      for (const v of strings) {
        if (parseLong !== undefined) longs.add(parseLong(v))
        else if (v.trim() !== '' && Number.isFinite(Number(v))) longs.add(Number(v))
      }
      return (term) => (typeof term === 'string' ? strings.has(term) : longs.has(term))
    }
  }
  // ObjectParser's value types: include takes an object, an array or a string; exclude an array or a string
  throw params.wrongType(key, value)
}

function inPartition(term: FieldValue, kind: TermKind, { partition, numPartitions }: Partition): boolean {
  const n = BigInt(numPartitions)
  if (kind === 'long' || kind === 'double' || typeof term === 'number') {
    const long = kind === 'double' ? sortableLong(Number(term)) : BigInt(longOf(term))
    const hash = BigInt.asIntN(64, mix64(BigInt.asUintN(64, long)))
    return Number(((hash % n) + n) % n) === partition
  }
  const hash = BigInt(murmurhash3x86(termBytes(term, kind), HASH_PARTITIONING_SEED))
  return Number(((hash % n) + n) % n) === partition
}

/** A long term as its caller shows it: the number, or a boolean's "true" / "false". */
function longOf(term: FieldValue): number {
  return typeof term === 'number' ? Math.trunc(term) : term === 'true' ? 1 : 0
}

/** NumericUtils.doubleToSortableLong. */
function sortableLong(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigInt64(0)
  return bits ^ ((bits >> 63n) & 0x7fffffffffffffffn)
}

/** The bytes a string term's doc values hold. */
function termBytes(term: string, kind: TermKind): Uint8Array {
  if (kind === 'ip') return termAddresses(term).lower
  if (kind === 'version') return Uint8Array.from(encodeVersion(term), (c) => c.charCodeAt(0))
  return encoder.encode(term)
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

/**
 * How the `fields` option prints a range field (RangeFieldType.valueFetcher, a SourceValueFetcher): each `_source`
 * range (an array's elements each, nulls left out) as an object of its own keys, each bound parsed as the type parses
 * a value (RangeType.parseValue, with the field's `coerce`) and formatted (RangeType.formatValue): integer and long
 * bounds as integers, float and double bounds as Java floats and doubles, a date_range's as its format prints the
 * epoch millis in UTC (the entry's `format` instead when given), an ip_range's as the address's text. The bounds come
 * out exactly as given, before any exclusive bound is moved in. The keys are in the order the Java HashMap that
 * collects them iterates its four possible keys: `lt`, `gte`, `lte`, `gt`. An ip_range's CIDR string prints as
 * InetAddresses.toCidrString of what parseCidr reads: the address's text, `/`, the prefix length.
 */
import { DateFormatter, parseDateMath } from '../../common/time/index.ts'
import { canonicalAddress, formatTerm } from '../../common/network/inet-addresses.ts'
import { JavaDouble, JavaFloat, type JsonOut, type XContentValue, XNumber } from '../../xcontent/index.ts'
import type { LeafValue } from '../../index/mapper/doc-fields.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { rangeDateFormat } from '../../index/mapper/range-field.ts'
import { rangeType } from '../../index/mapper/range-type.ts'

/** HashMap's iteration order of the range keys (their hashes' buckets in a table of 16: 8, 9, 12, 13). */
const KEY_ORDER: readonly string[] = ['lt', 'gte', 'lte', 'gt']

/** The printer of one bound of the field's type. */
function boundPrinter(field: FieldMapping, format: string | null): (bound: LeafValue | XNumber) => JsonOut {
  const type = rangeType(field.type)
  const parse = type.parseToken
  if (parse === null) {
    const parser = DateFormatter.forPattern(rangeDateFormat(field))
    const printer = DateFormatter.forPattern(format ?? rangeDateFormat(field))
    return (bound) => {
      const text = bound instanceof XNumber ? bound.text : String(bound)
      return printer.format(parseDateMath(text, 0, false, null, parser))
    }
  }
  const coerce = field.coerce !== false
  const value = (bound: LeafValue | XNumber): number | string => parse(bound, coerce)
  switch (field.type) {
    case 'ip_range':
      return (bound) => formatTerm(value(bound) as string)
    case 'float_range':
      return (bound) => new JavaFloat(value(bound) as number)
    case 'double_range':
      return (bound) => new JavaDouble(value(bound) as number)
    default:
      return value
  }
}

/** The `fields` values of a range field's `_source` value (see the header). */
export function rangeSourceValues(
  field: FieldMapping,
  format: string | null,
  source: XContentValue | undefined,
): JsonOut[] {
  const print = boundPrinter(field, format)
  const out: JsonOut[] = []
  const add = (value: XContentValue | undefined): void => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) value.forEach(add)
    else if (typeof value === 'string') {
      const [address, prefix] = value.split('/') as [string, string]
      out.push(`${canonicalAddress(address)}/${Number(prefix)}`)
    } else if (value instanceof Map) {
      const range = new Map<string, JsonOut>()
      for (const key of KEY_ORDER) {
        const bound = value.get(key)
        // an object or array bound never indexes (range-field.ts)
        if (bound !== undefined && bound !== null && !(bound instanceof Map) && !Array.isArray(bound))
          range.set(key, print(bound))
      }
      out.push(range)
    }
  }
  add(source)
  return out
}

/**
 * FetchDocValuesPhase: `docvalue_fields`, each hit's values of the requested fields as their doc values hold them
 * (doc-values-source.ts): sorted, keywords deduplicated, formatted by the field's DocValueFormat: longs as longs,
 * doubles (and floats, widened: `1.100000023841858`) as doubles, booleans as true/false, dates as text in the
 * field's format or the entry's `format`, ip addresses as text (DocValueFormat.IP; a `format` is refused), and a
 * numeric field's values with a `format` as DocValueFormat.Decimal prints them (a Java DecimalFormat pattern: text);
 * a boolean's `format` is refused as its checkNoFormat refuses it.
 * Patterns and names match mapped fields only; an unmapped name is skipped. A text field fails as its fielddata
 * does. More than the index's `index.max_docvalue_fields_search` fields fail the shard.
 */
import { decodeVersion } from '../../index/mapper/version-field.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, type JsonOut } from '../../xcontent/index.ts'
import { DateFormatter } from '../../common/time/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { formatTerm } from '../../common/network/inet-addresses.ts'
import type { DocValuesSource, FieldInfo } from '../aggregations/index.ts'
import { noDocValues, noFielddata } from '../aggregations/values-source.ts'
import { decimalValueFormat } from '../aggregations/doc-value-format.ts'
import { DateValueFormat } from '../aggregations/date-value-format.ts'
import { nanosOfSortableDouble } from '../../index/mapper/date-nanos-field.ts'
import type { DocumentField } from './field-fetcher.ts'
import type { FieldAndFormat } from './field-and-format.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'

interface DocValueField {
  readonly name: string
  readonly info: FieldInfo
  readonly print: (value: number | string) => JsonOut
}

export class FetchDocValuesPhase {
  private constructor(
    private readonly source: DocValuesSource,
    private readonly fields: readonly DocValueField[],
  ) {}

  /** FetchDocValuesPhase's processor: the requested fields (resolveDocValueFields) with their printers. */
  static create(
    index: string,
    searched: ReadonlyMap<string, FieldMapping>,
    source: DocValuesSource,
    requested: readonly FieldAndFormat[],
    maxDocvalueFieldsSearch: number,
  ): FetchDocValuesPhase {
    const resolved = resolveDocValueFields(searched, requested, maxDocvalueFieldsSearch)
    const fields = resolved.flatMap(({ name, format }) => {
      const info = source.field(name)
      if (info === null) return []
      // docvalue_fields print a date_nanos field's values (docValuePrinter), which aggregations and scripts cannot
      const refused =
        info.type === 'date_nanos' ? null : noFielddata(source.concreteName(name), info.type, index)
      if (refused !== null) throw refused
      if (info.withoutDocValues !== undefined)
        throw noDocValues(source.concreteName(name), info.withoutDocValues)
      return [{ name, info, print: docValuePrinter(name, info, format) }]
    })
    return new FetchDocValuesPhase(source, fields)
  }

  /** Each resolved field with the document's values (empty ones included: the hit's map holds them too). */
  fetch(docId: number): DocumentField[] {
    return this.fields.map(({ name, print }) => ({
      name,
      values: this.source.values(name, docId).map(print),
      ignoredValues: [],
    }))
  }
}

/**
 * FetchDocValuesContext, which every shard builds when it parses the search (hits or none): each requested pattern
 * or name resolved against the search's fields (getMatchingFieldNames: an unmapped name is none, a flattened field's
 * key one, search-fields.ts; a pattern matches mapped fields only), a field named
 * twice taking the last entry's format in its first place; more than the index's `index.max_docvalue_fields_search`
 * fields refused.
 */
export function resolveDocValueFields(
  searched: ReadonlyMap<string, FieldMapping>,
  requested: readonly FieldAndFormat[],
  maxDocvalueFieldsSearch: number,
): Array<{ name: string; format: string | null }> {
  const formats = new Map<string, string | null>()
  for (const { field, format } of requested) {
    const names = field.includes('*')
      ? [...searched.keys()].filter((name) => simpleMatch(field, name))
      : searched.has(field)
        ? [field]
        : []
    for (const name of names) formats.set(name, format)
  }
  const resolved = [...formats].map(([name, format]) => ({ name, format }))
  if (resolved.length > maxDocvalueFieldsSearch) {
    throw illegalArgumentException(
      `Trying to retrieve too many docvalue_fields. Must be less than or equal to: [${maxDocvalueFieldsSearch}] ` +
        `but was [${resolved.length}]. This limit can be set by changing the [index.max_docvalue_fields_search] ` +
        'index level setting.',
    )
  }
  return resolved
}

/** The field's DocValueFormat, or the one its `format` asks for. */
export function docValuePrinter(
  name: string,
  info: FieldInfo,
  format: string | null,
): (value: number | string) => JsonOut {
  switch (info.type) {
    case 'date': {
      if (format === null) return (value) => info.format!.format(value as number)
      const formatter = DateFormatter.forPattern(format)
      return (value) => formatter.format(value as number)
    }
    case 'date_nanos': {
      // DocValueFormat.DateTime with Resolution.NANOSECONDS: the value's nanoseconds print
      const fieldFormat = info.format instanceof DateValueFormat ? info.format.formatter : null
      const formatter = format === null ? fieldFormat! : DateFormatter.forPattern(format)
      return (value) => formatter.formatNanos(nanosOfSortableDouble(value as number))
    }
    case 'keyword':
      return (value) => value
    case 'ip':
      if (format !== null)
        throw illegalArgumentException(`Field [${name}] of type [ip] doesn't support formats.`)
      return (value) => formatTerm(value as string)
    case 'version':
      // VersionStringFieldType.docValueFormat: checkNoFormat, then VERSION_DOCVALUE
      if (format !== null)
        throw illegalArgumentException(`Field [${name}] of type [version] doesn't support formats.`)
      return (value) => decodeVersion(value as string)
    default:
      if (format !== null && (info.type === 'long' || info.type === 'double')) {
        const decimal = decimalValueFormat(format)
        return (value) => decimal.format(value as number)
      }
      if (format !== null && info.type === 'boolean')
        throw illegalArgumentException(`Field [${name}] of type [boolean] doesn't support formats.`)
      if (format !== null) {
        throw illegalArgumentException(
          `the [format] of docvalue_fields [${name}] (a Java DecimalFormat pattern) is not available in the playground`,
        )
      }
      if (info.type === 'boolean') return (value) => value === 1
      if (info.type === 'double') return (value) => new JavaDouble(value as number)
      return (value) => value
  }
}

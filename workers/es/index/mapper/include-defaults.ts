/**
 * A field's mapping as GET _mapping/field?include_defaults=true prints it: FieldMapper.Builder.toXContent with
 * `include_defaults` writes every parameter of the type's Builder, in the Builder's order, with its value when the
 * mapping sets it and its default otherwise (Parameter's default serializer check, `includeDefaults || isConfigured`),
 * then the multi-fields (each the same way) and `copy_to`.
 *
 * The Builders covered are those whose parameter tables (field-parameters.ts' ParameterSpec, `shown` for a default
 * printed otherwise than `default`) were read against ES 8.17: text, keyword, the NumberFieldMapper types, date and
 * date_nanos, boolean and ip. A default that hangs on something else is resolved here: `ignore_malformed`, `coerce`
 * and `ignore_above` from the index's index.mapping.* settings, a date's `format` from its resolution, and a text
 * field's analyzers as TextParams.Analyzers chains them (search_quote_analyzer defaults to the search analyzer, which
 * defaults to the index analyzer). Any other type prints as without include_defaults (docs/DEVIATIONS.md).
 */
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import type { ParameterSpec } from './field-parameters.ts'
import type { FieldMapping } from './mapping.ts'
import { NUMBER_FIELD_TYPES } from './mapping.ts'
import { TEXT_PARAMETERS } from './text-field.ts'
import { KEYWORD_PARAMETERS } from './keyword-field.ts'
import { NUMBER_PARAMETERS } from './number-field.ts'
import { DATE_PARAMETERS } from './date-field.ts'
import { BOOLEAN_PARAMETERS } from './boolean-field.ts'
import { IP_PARAMETERS } from './ip-field.ts'
import { DEFAULT_DATE_FORMAT } from './doc-values.ts'
import { DEFAULT_DATE_NANOS_FORMAT } from './date-nanos-field.ts'

/** The index settings the covered Builders read their defaults from. */
export interface MapperDefaults {
  /** index.mapping.ignore_malformed */
  ignoreMalformed: boolean
  /** index.mapping.coerce */
  coerce: boolean
  /** index.mapping.ignore_above */
  ignoreAbove: number
}

const PARAMETER_TABLES: ReadonlyMap<string, ReadonlyMap<string, ParameterSpec>> = new Map([
  ['text', TEXT_PARAMETERS],
  ['keyword', KEYWORD_PARAMETERS],
  ...[...NUMBER_FIELD_TYPES].map((type) => [type, NUMBER_PARAMETERS] as const),
  ['date', DATE_PARAMETERS],
  ['date_nanos', DATE_PARAMETERS],
  ['boolean', BOOLEAN_PARAMETERS],
  ['ip', IP_PARAMETERS],
])

/** `field` with every parameter of its Builder written out, its multi-fields too. */
export function withDefaults(field: FieldMapping, defaults: MapperDefaults): FieldMapping {
  const fields =
    field.fields === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(field.fields).map(([name, sub]) => [name, withDefaults(sub, defaults)]),
        )
  const table = PARAMETER_TABLES.get(field.type)
  if (table === undefined) return fields === undefined ? field : { ...field, fields }
  const given = field as unknown as Record<string, unknown>
  const resolved = resolvedDefaults(field, defaults)
  const out: Record<string, unknown> = { type: field.type }
  for (const [key, spec] of table) {
    out[key] = given[key] ?? resolved.get(key) ?? spec.shown ?? spec.default ?? null
  }
  if (fields !== undefined) out.fields = fields
  if (field.copy_to !== undefined) out.copy_to = field.copy_to
  return out as unknown as FieldMapping
}

/** The defaults that are not a constant of the parameter: read from the index's settings or the field's own values. */
function resolvedDefaults(field: FieldMapping, defaults: MapperDefaults): Map<string, unknown> {
  const analyzer = field.analyzer ?? DEFAULT_ANALYZER
  const searchAnalyzer = field.search_analyzer ?? analyzer
  return new Map<string, unknown>([
    ['ignore_malformed', defaults.ignoreMalformed],
    ['coerce', defaults.coerce],
    ['ignore_above', defaults.ignoreAbove],
    ['format', field.type === 'date_nanos' ? DEFAULT_DATE_NANOS_FORMAT : DEFAULT_DATE_FORMAT],
    ['analyzer', analyzer],
    ['search_analyzer', searchAnalyzer],
    ['search_quote_analyzer', field.search_quote_analyzer ?? searchAnalyzer],
  ])
}

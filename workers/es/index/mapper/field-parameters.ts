/**
 * A field mapper's parameters as ES 8.17's FieldMapper.Builder reads and writes them, for the types that list theirs
 * in a table (ip-field.ts, scaled-float-field.ts, number-field.ts, date-field.ts): every key of the definition must
 * be one of the table's (or `type`, `fields`, `copy_to`), else mapper_parsing_exception "unknown parameter [x] on
 * mapper [f] of type [t]"; boolean parameters take `true` / `false` or those strings
 * (XContentMapValues.nodeBooleanValue); the mapping keeps, in the table's order, only the parameters given with a
 * value other than their default (Parameter.isConfigured), which is how GET _mapping prints them. A parameter the playground does not model is refused as not available.
 * fieldParsingException is DocumentParser's wrapping of such a mapper's failure to read a document's value; MALFORMED
 * is what the mapper answers for a value it drops instead (the document lists the field in `_ignored`).
 */
import {
  documentParsingException,
  EsException,
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  numberFormatException,
} from '../../errors/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, rebuildAt, type TokenPart } from './document-failure.ts'

/** A parameter's kind and default (undefined: none, written whenever given). */
export interface ParameterSpec {
  kind: 'boolean' | 'value' | 'unmodelled'
  default?: boolean | number | string | null
  /**
   * What GET _mapping/field?include_defaults=true prints for the parameter when the mapping leaves it unset (its
   * default as the Parameter's serializer writes it), where that is not `default` (absent too: `null`). Defaults read
   * from index settings or other parameters are include-defaults.ts' own.
   */
  shown?: JsonOut
  /** Parameter.restrictedStringParam: the values it accepts, the default first. */
  values?: readonly string[]
}

/** TextParams.textIndexOptions' values (text and search_as_you_type fields). */
export const TEXT_INDEX_OPTIONS: readonly string[] = ['positions', 'docs', 'freqs', 'offsets']

/** TextParams.termVectors' values. */
export const TERM_VECTOR_OPTIONS: readonly string[] = [
  'no',
  'yes',
  'with_positions',
  'with_offsets',
  'with_positions_offsets',
  'with_positions_payloads',
  'with_positions_offsets_payloads',
]

/** Parameter.restrictedStringParam's check of a value (its text) against the values it accepts. */
export function checkRestricted(key: string, value: unknown, allowed: readonly string[]): void {
  const text = stringParameter(value)
  if (!allowed.includes(text))
    throw failedToParseMapping(
      `Unknown value [${text}] for field [${key}] - accepted values are [${allowed.join(', ')}]`,
    )
}

/** The first three parameters of every indexed leaf mapper's Builder (number, scaled_float, ip, date), in its order. */
export const INDEX_DOC_VALUES_STORE: readonly (readonly [string, ParameterSpec])[] = [
  ['index', { kind: 'boolean', default: true }],
  ['doc_values', { kind: 'boolean', default: true }],
  ['store', { kind: 'boolean', default: false }],
]

export function typedParameters(
  name: string,
  type: string,
  definition: Record<string, unknown>,
  table: ReadonlyMap<string, ParameterSpec>,
): Record<string, unknown> {
  for (const key of Object.keys(definition)) {
    if (key !== 'type' && key !== 'fields' && key !== 'copy_to' && !table.has(key))
      throw failedToParseMapping(`unknown parameter [${key}] on mapper [${name}] of type [${type}]`)
  }
  const out: Record<string, unknown> = { type }
  for (const [key, spec] of table) {
    const given = definition[key]
    if (given === undefined) continue
    if (spec.kind === 'unmodelled')
      throw illegalArgumentException(
        `[${key}] on a field of type [${type}] is not available in the playground`,
      )
    const value =
      spec.kind === 'boolean'
        ? booleanParameter(name, key, given)
        : given instanceof Map
          ? mapValue(given)
          : given
    if (spec.values !== undefined) checkRestricted(key, value, spec.values)
    if (value !== null && value !== spec.default) out[key] = value
  }
  if (definition.fields !== undefined) out.fields = definition.fields
  if (definition.copy_to !== undefined) out.copy_to = definition.copy_to
  return out
}

function mapValue(value: ReadonlyMap<string, XContentValue>): Record<string, unknown> {
  return Object.fromEntries(value)
}

/** XContentMapValues.nodeBooleanValue(value, "<field>.<parameter>"). */
function booleanParameter(name: string, key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value
  try {
    return parseBoolean(String(value))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(
      illegalArgumentException(`Could not convert [${name}.${key}] to boolean`, error),
    )
  }
}

/** Parameter.stringParam's reading of a value: a scalar's text (an object or array as its JSON). */
export function stringParameter(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value)
}

/** Parameter.intParam's reading of a value (XContentMapValues.nodeIntegerValue): an integer, else refused. */
export function integerParameter(value: unknown): number {
  const integer = Number(value)
  if (!Number.isInteger(integer))
    throw failedToParseMappingFrom(numberFormatException(stringParameter(value)))
  return integer
}

/**
 * Whether a field drops the values it cannot read: its own `ignore_malformed` when it sets one, else `byDefault`, the
 * index's `index.mapping.ignore_malformed` (IGNORE_MALFORMED_SETTING, which each such mapper's TypeParser reads as the
 * parameter's default). A mapping keeps `ignore_malformed` only when true, so an explicit false reads as unset.
 */
export function ignoresMalformed(field: FieldMapping, byDefault: boolean): boolean {
  const own = field.ignore_malformed
  return own === undefined ? byDefault : own === true || own === 'true'
}

/** A mapper's answer for a value it could not read and dropped (DocumentParserContext.addIgnoredField). */
export const MALFORMED: unique symbol = Symbol('malformed')
export type Malformed = typeof MALFORMED

/**
 * A mapper's answer for a value it failed to read (`error`): MALFORMED when the value is dropped (where the document is
 * parsed again after its primary took it, `id` null, or when the failure is an illegal argument and the field
 * ignores malformed values), else the document's failure (fieldParsingException). A Jackson parse failure
 * (x_content_parse_exception) is never dropped on a primary.
 */
export function malformedOrFailure(
  error: unknown,
  path: string,
  field: FieldMapping,
  preview: string,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): Malformed {
  if (!(error instanceof EsException)) throw error
  const malformed = error.type !== 'x_content_parse_exception'
  if (id === null || (malformed && ignoresMalformed(field, ignoreMalformedByDefault))) return MALFORMED
  throw fieldParsingException(path, field.type, preview, id, error)
}

/**
 * DocumentParser's wrapping of a field mapper's failure on a primary (`id` known): FieldMapper.parse's
 * rethrowAsDocumentParsingException, at the value's token (`part` of it: a range field fails at its object's end,
 * document-failure.ts), its cause built at the same token.
 * Where a document is parsed again after its primary took it (`id` null: a replica, the translog, a search reading
 * `_source`), the mappers drop what they cannot read instead, since the primary accepted it under the mapping of its
 * time.
 */
export function fieldParsingException(
  path: string,
  type: string,
  preview: string,
  id: string,
  cause: EsException,
  part: TokenPart = 'start',
): EsException {
  const message =
    `failed to parse field [${path}] of type [${type}] in document with id '${id}'. ` +
    `Preview of field's value: '${preview}'`
  return documentFailure(part, (at, token) =>
    documentParsingException(at.line, at.col, message, rebuildAt(cause, token)),
  )
}

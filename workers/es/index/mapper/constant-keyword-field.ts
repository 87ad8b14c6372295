/**
 * ConstantKeywordFieldMapper (x-pack mapper-constant-keyword, ES 8.17): a field whose every document has the same
 * value. Its mapping is `{type, value?, meta?}` in the Builder's order: `value` a string or a number (kept as its
 * text), unset until a mapping or the first document with a value sets it; `meta` as field-meta.ts reads it. `fields` and `copy_to`
 * are read and dropped (the Builder builds the mapper with no multi-fields and no copy_to); any other parameter is
 * refused. Nothing is indexed: a document's value is checked against the mapping's, the first one setting it
 * (a dynamic mapping update), and queries, doc values and `fields` answer from the mapping's value alone
 * (constant-keyword-queries.ts, doc-values-source.ts, field-fetcher.ts). `value` can be set once: a merge keeps it
 * and refuses any other, unset included ("Cannot update parameter [value] from [bar] to [null]").
 */
import { failedToParseMapping, illegalArgumentException } from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { fieldParsingException } from './field-parameters.ts'
import { fieldMetaParameter } from './field-meta.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './doc-fields.ts'
import { valuePreview } from './number-field.ts'

export const CONSTANT_KEYWORD = 'constant_keyword'

/**
 * The mapping of a `constant_keyword` definition (ConstantKeywordFieldMapper.Builder's parse); `javaToString` prints
 * a refused `value` as Java's toString does (mapping-parser.ts's, passed in so that the parser's imports make no cycle).
 */
export function constantKeywordMapping(
  name: string,
  definition: XContentObject,
  javaToString: (value: XContentValue) => string,
): FieldMapping {
  for (const key of definition.keys()) {
    if (key !== 'type' && key !== 'value' && key !== 'meta' && key !== 'fields' && key !== 'copy_to')
      throw failedToParseMapping(
        `unknown parameter [${key}] on mapper [${name}] of type [${CONSTANT_KEYWORD}]`,
      )
  }
  const mapping: FieldMapping = { type: CONSTANT_KEYWORD }
  const value = definition.get('value')
  if (value !== undefined && value !== null) mapping.value = mappedValue(name, value, javaToString)
  const meta = definition.get('meta')
  if (meta !== undefined) {
    const parsed = fieldMetaParameter(name, meta)
    if (Object.keys(parsed).length > 0) mapping.meta = parsed
  }
  return mapping
}

/** The `value` parameter's parser: a number (as Java prints it) or a string, else refused. */
function mappedValue(
  name: string,
  value: XContentValue,
  javaToString: (value: XContentValue) => string,
): string {
  if (value instanceof XNumber) return valuePreview(value)
  if (typeof value === 'string') return value
  throw failedToParseMapping(
    `Property [value] on field [${name}] must be a number or a string, but got [${javaToString(value)}]`,
  )
}

/**
 * ConstantKeywordFieldMapper.parseCreateField: the document's value (XContentParser.textOrNull: a number as its
 * text, a boolean as `true` / `false`), refused when null or, once the mapping has a value, when another. The answer
 * is the value the mapping takes when it has none yet. Where the document is parsed again after its primary took it
 * (`id` null), nothing is checked.
 */
export function constantKeywordValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
): string | null {
  const text = leaf === null ? null : token !== null ? token.text : String(leaf)
  if (id === null) return text
  if (text === null) {
    const reason = `[${CONSTANT_KEYWORD}] field [${path}] doesn't accept [null] values`
    throw fieldParsingException(path, CONSTANT_KEYWORD, 'null', id, illegalArgumentException(reason))
  }
  if (field.value !== undefined && field.value !== text) {
    const reason =
      `[${CONSTANT_KEYWORD}] field [${path}] only accepts values that are equal to the value defined in the ` +
      `mappings [${field.value}], but got [${text}]`
    const preview = token !== null ? valuePreview(token) : text
    throw fieldParsingException(path, CONSTANT_KEYWORD, preview, id, illegalArgumentException(reason))
  }
  return text
}

/** The mapping with its value set (the dynamic update of the first document's value), in the Builder's order. */
export function withConstantValue(field: FieldMapping, value: string): FieldMapping {
  const { type, meta } = field
  return { type, value, ...(meta !== undefined ? { meta } : {}) }
}

/**
 * A merge (Builder.merge): `value` goes from unset to any value (Parameter's merge validator: previous null or
 * equal), else the conflict names both ("null" for unset); `meta` takes the update's.
 */
export function mergeConstantKeyword(
  current: FieldMapping,
  incoming: FieldMapping,
  path: string,
): FieldMapping {
  const value = current.value ?? incoming.value
  if (current.value !== undefined && current.value !== incoming.value) {
    throw illegalArgumentException(
      `Mapper for [${path}] conflicts with existing mapper:\n\t` +
        `Cannot update parameter [value] from [${current.value}] to [${incoming.value ?? 'null'}]`,
    )
  }
  const merged: FieldMapping = { type: CONSTANT_KEYWORD }
  if (value !== undefined) merged.value = value
  if (incoming.meta !== undefined) merged.meta = incoming.meta
  return merged
}

/**
 * SparseVectorFieldMapper's side of a mapping and a document (ES 8.17), over Lucene's FeatureField.
 *
 * Mapping: `meta` only (8.17 has no `store` nor `index_options`: any other parameter is refused as unknown,
 * field-parameters.ts). A sparse_vector field cannot be a multi-field.
 *
 * Document: the mapper parses its value itself (its failures are DocumentParser's "failed to parse: <reason>" at
 * the token its parser is on, as rank_features'). A value must be an object of token → weight: null weights
 * skipped, numbers and numeric strings read as floats (XContentParser.floatValue), any other token refused. Dots
 * in a token are kept as they are (since 8.16). An array gives each of its objects to the mapper in turn (since
 * 8.15), and a token given more than once in a document keeps its largest weight: a later weight replaces the kept
 * one only when greater, and only then is it checked (FeatureField.setFeatureValue), so a smaller later weight is
 * dropped unchecked. A kept weight must be finite and at least Float.MIN_NORMAL (rank-feature-field.ts's checks).
 *
 * Index: each token's weight is FeatureField's term frequency of the term <token> in the Lucene field <path>, kept
 * as rank_features' are (rank-feature-field.ts: the one numeric doc value of index field `<path>\0<token>`). Any
 * value, even `{}`, also adds the field to `_field_names` (exists queries): here the numeric doc value 0 under the
 * index field `<path>` itself, which only exists queries read.
 */
import { EsException, failedToParseMapping, illegalArgumentException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import type { DocFields } from './doc-fields.ts'
import type { FieldMapping } from './mapping.ts'
import { failedIn } from './document-failure.ts'
import { typedParameters, type ParameterSpec } from './field-parameters.ts'
import { floatValue } from './number-field.ts'
import { featureIndexField, mapperFailure, storedFeatureValue } from './rank-feature-field.ts'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
])

/** A sparse_vector field's mapping as parsed from `definition` (its own keys). */
export function sparseVectorMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, 'sparse_vector', definition, PARAMETERS) as unknown as FieldMapping
}

/** A sparse_vector field in a multi-field (TypeParser.notInMultiFields). */
export function sparseVectorInMultiField(name: string): never {
  throw failedToParseMapping(`Field [${name}] of type [sparse_vector] can't be used in multifields`)
}

/**
 * Indexes one value of sparse_vector field `path` (an object, or null, which is refused) into `doc` and the
 * documents its values are copied to: each token's weight into its own index field, the largest kept.
 */
export function indexSparseVector(
  doc: DocFields,
  path: string,
  field: FieldMapping,
  value: XContentValue,
): void {
  if (!(value instanceof Map)) {
    const reason = `[sparse_vector] fields must be json objects, expected a START_OBJECT but got: ${valueToken(value)}`
    throw mapperFailure(illegalArgumentException(reason))
  }
  const targets = [doc, ...doc.copiesTo]
  for (const [token, raw] of value) {
    try {
      if (raw === null) continue
      if (!(raw instanceof XNumber) && typeof raw !== 'string') {
        const reason = `[sparse_vector] fields take hashes that map a feature to a strictly positive float, but got unexpected token ${valueToken(raw)}`
        throw mapperFailure(illegalArgumentException(reason))
      }
      const weight = floatValue(raw, true)
      const indexField = featureIndexField(path, token)
      for (const target of targets) keepLargest(target, indexField, field, weight, token, path)
    } catch (error) {
      throw failedIn(
        error instanceof EsException && error.type !== 'document_parsing_exception'
          ? mapperFailure(error)
          : error,
        token,
      )
    }
  }
  for (const target of targets) if (target.entry(path) === undefined) target.addValue(path, field, 0)
}

/** The document's weight of a token: this one when it has none or a smaller one (checked as FeatureField does). */
function keepLargest(
  doc: DocFields,
  indexField: string,
  field: FieldMapping,
  weight: number,
  token: string,
  path: string,
): void {
  const kept = doc.entry(indexField)
  if (kept === undefined) doc.addValue(indexField, field, storedFeatureValue(weight, token, path))
  else if ((kept.values[0] as number) < weight) kept.values[0] = storedFeatureValue(weight, token, path)
}

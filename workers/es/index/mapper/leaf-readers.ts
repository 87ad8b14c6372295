/**
 * The field mappers that read a `_source` leaf into the value their field keeps (document-parser.ts addLeaf), by
 * field type: ip (ip-field.ts), scaled_float (scaled-float-field.ts), the numeric types (number-field.ts), boolean
 * (boolean-field.ts), keyword and wildcard (keyword-field.ts), rank_feature (rank-feature-field.ts), version (version-field.ts),
 * token_count (token-count-field.ts: its text, counted later), unsigned_long (unsigned-long-field.ts: its exact decimal
 * text), binary (binary-field.ts: its text, checked to decode), counted_keyword (counted-keyword-field.ts: strings
 * only) and constant_keyword (constant-keyword-field.ts: checked,
 * never kept, so null). Each takes the leaf (null for an explicit null: its `null_value`), a JSON number's token (its lexeme), the document's id (null where it is parsed again after its
 * primary took it) and the index's index.mapping.ignore_malformed, and answers the value, null for nothing indexed,
 * MALFORMED for a value dropped, or throws the document's failure. Dates are read by the parser itself, which knows
 * whether its walk reads them (date-field.ts).
 */
import type { XNumber } from '../../xcontent/index.ts'
import type { LeafValue } from './document-parser.ts'
import type { Malformed } from './field-parameters.ts'
import { NUMBER_FIELD_TYPES, type FieldMapping } from './mapping.ts'
import { ipTerm } from './ip-field.ts'
import { scaledFloatValue } from './scaled-float-field.ts'
import { numberFieldValue } from './number-field.ts'
import { booleanFieldValue } from './boolean-field.ts'
import { keywordFieldValue } from './keyword-field.ts'
import { rankFeatureValue } from './rank-feature-field.ts'
import { versionFieldValue } from './version-field.ts'
import { constantKeywordValue } from './constant-keyword-field.ts'
import { tokenCountFieldValue } from './token-count-field.ts'
import { unsignedLongFieldValue } from './unsigned-long-field.ts'
import { binaryFieldValue } from './binary-field.ts'
import { countedKeywordValue } from './counted-keyword-field.ts'

type LeafReader = (
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
) => LeafValue | null | Malformed

export const LEAF_READERS: ReadonlyMap<string, LeafReader> = new Map<string, LeafReader>([
  ['ip', (path, field, leaf, _token, id, byDefault) => ipTerm(path, field, leaf, id, byDefault)],
  [
    'scaled_float',
    (path, field, leaf, _token, id, byDefault) => scaledFloatValue(path, field, leaf, id, byDefault),
  ],
  ...[...NUMBER_FIELD_TYPES].map((type): [string, LeafReader] => [type, numberFieldValue]),
  ['boolean', booleanFieldValue],
  ['keyword', (_path, field, leaf, token) => keywordFieldValue(field, leaf, token)],
  ['wildcard', (_path, field, leaf, token) => keywordFieldValue(field, leaf, token)],
  ['rank_feature', (path, field, leaf, token, id) => rankFeatureValue(path, field, leaf, token, id)],
  ['version', (_path, _field, leaf, token) => versionFieldValue(leaf, token)],
  ['token_count', (_path, field, leaf, token) => tokenCountFieldValue(field, leaf, token)],
  ['unsigned_long', unsignedLongFieldValue],
  ['binary', binaryFieldValue],
  ['counted_keyword', (path, _field, leaf, token, id) => countedKeywordValue(path, leaf, token, id)],
  [
    'constant_keyword',
    (path, field, leaf, token, id) => {
      constantKeywordValue(path, field, leaf, token, id)
      return null
    },
  ],
])

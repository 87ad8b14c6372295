/**
 * RankFeatureFieldMapper's and RankFeaturesFieldMapper's side of a mapping and a document (ES 8.17), over Lucene's
 * FeatureField.
 *
 * Mapping: `positive_score_impact` (true unless set; kept only when false) and `meta`; any other parameter is
 * refused as unknown (field-parameters.ts). A rank_features field cannot be a multi-field.
 *
 * Document: a rank_feature value is read with XContentParser.floatValue (a string through Float.parseFloat), null
 * skipped; a second value in the same document fails. A rank_features value must be an object of feature → value
 * (null values skipped, numbers and numeric strings read as floats, any other token refused). With
 * `positive_score_impact: false` a value is stored as its inverse. FeatureField then accepts only finite values of at
 * least Float.MIN_NORMAL. A rank_feature's failures are FieldMapper.parse's ("failed to parse field [f] of type
 * [rank_feature] in document with id '1'. Preview of field's value: 'x'"); RankFeaturesFieldMapper overrides parse,
 * so its failures are DocumentParser's ("failed to parse: <reason>") at the token its parser is on.
 *
 * Index: FeatureField indexes a value as the term frequency of the term <feature> in the field <luceneField>
 * (`_feature` and the field's path for a rank_feature field; the field's path and the key for a rank_features
 * field): the float's bits >>> 15, its top 9 significant bits. Here that frequency is the one numeric doc value of
 * an index field named `<luceneField>\0<feature>` (featureIndexField), which rank-feature-query.ts in assembly reads
 * as the term's postings: its documents are the term's, their values its frequencies, and their count and sum its
 * docFreq and totalTermFreq (deleted documents included until a merge drops them, as Lucene's term statistics).
 */
import {
  documentParsingException,
  EsException,
  failedToParseMapping,
  illegalArgumentException,
} from '../../errors/index.ts'
import { javaFloatToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { documentFailure, failedIn, rebuildAt } from './document-failure.ts'
import { fieldParsingException, typedParameters, type ParameterSpec } from './field-parameters.ts'
import { floatValue, valuePreview } from './number-field.ts'
import { valueToken } from '../../action/value-token.ts'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['positive_score_impact', { kind: 'boolean', default: true }],
  ['meta', { kind: 'value', shown: {} }],
])

/** RankFeatureMetaFieldMapper.NAME: the Lucene field every rank_feature field's FeatureField goes into. */
export const RANK_FEATURE_FIELD = '_feature'

/** Float.MIN_NORMAL, the smallest value FeatureField takes, and its Float.toString. */
const MIN_NORMAL = 2 ** -126
const MIN_NORMAL_TEXT = '1.17549435E-38'
/** FeatureField.MAX_FREQ: the frequency of Float.MAX_VALUE. */
const MAX_FREQ = 0x7f7fffff >>> 15

const BITS = new DataView(new ArrayBuffer(4))

/** A rank_feature or rank_features field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function rankFeatureMapping(
  name: string,
  type: string,
  definition: Record<string, unknown>,
): FieldMapping {
  return typedParameters(name, type, definition, PARAMETERS) as unknown as FieldMapping
}

/** The index field holding the frequencies of `feature` in Lucene field `luceneField` (see the header). */
export function featureIndexField(luceneField: string, feature: string): string {
  return `${luceneField}\u0000${feature}`
}

/** The index field a parsed field's values go into: a rank_feature's under `_feature`, any other its own path. */
export function indexFieldName(path: string, mapping: FieldMapping): string {
  return mapping.type === 'rank_feature' ? featureIndexField(RANK_FEATURE_FIELD, path) : path
}

/** FeatureField's term frequency of a stored value: its float bits >>> 15. */
export function featureFrequency(value: number): number {
  BITS.setFloat32(0, value)
  return BITS.getUint32(0) >>> 15
}

/** FeatureField.decodeFeatureValue: the float a (possibly fractional, averaged) frequency stands for. */
export function decodeFeatureValue(freq: number): number {
  if (freq > MAX_FREQ) return 3.4028234663852886e38
  BITS.setUint32(0, Math.trunc(freq) << 15)
  return BITS.getFloat32(0)
}

/**
 * The value rank_feature field `path` stores for one `_source` leaf (null: nothing), or the document's failure.
 * `id` null: a document parsed again after its primary took it, whose values were accepted then.
 */
export function rankFeatureValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
): number | null {
  if (leaf === null) return null
  const value = token ?? leaf
  try {
    return storedValue(field, floatValue(value, true), path, RANK_FEATURE_FIELD)
  } catch (error) {
    if (!(error instanceof EsException) || id === null) throw error
    throw fieldParsingException(path, 'rank_feature', valuePreview(value), id, error)
  }
}

/** RankFeatureFieldMapper's refusal of a field's second value in one document (`value` the second). */
export function multipleRankFeatureValues(path: string, value: LeafValue | XNumber, id: string): EsException {
  const reason = `[rank_feature] fields do not support indexing multiple values for the same field [${path}] in the same document`
  return fieldParsingException(
    path,
    'rank_feature',
    valuePreview(value),
    id,
    illegalArgumentException(reason),
  )
}

/**
 * The features of rank_features field `path` in one value, as [index field, stored value] pairs in order; `doc`
 * tells whether the document already holds an index field (a feature given twice fails).
 */
export function rankFeaturesValues(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  doc: { entry(indexField: string): unknown },
): Array<[string, number]> {
  if (!(value instanceof Map)) {
    const reason = `[rank_features] fields must be json objects, expected a START_OBJECT but got: ${valueToken(value)}`
    throw mapperFailure(illegalArgumentException(reason))
  }
  const out: Array<[string, number]> = []
  for (const [feature, raw] of value) {
    try {
      if (raw === null) continue
      if (!(raw instanceof XNumber) && typeof raw !== 'string') {
        const reason = `[rank_features] fields take hashes that map a feature to a strictly positive float, but got unexpected token ${valueToken(raw)}`
        throw mapperFailure(illegalArgumentException(reason))
      }
      const indexField = featureIndexField(path, feature)
      const float = floatValue(raw, true)
      if (doc.entry(indexField) !== undefined) {
        const reason = `[rank_features] fields do not support indexing multiple values for the same rank feature [${path}.${feature}] in the same document`
        throw mapperFailure(illegalArgumentException(reason))
      }
      out.push([indexField, storedValue(field, float, feature, path)])
    } catch (error) {
      throw failedIn(
        error instanceof EsException && error.type !== 'document_parsing_exception'
          ? mapperFailure(error)
          : error,
        feature,
      )
    }
  }
  return out
}

/** A rank_features field in a multi-field (TypeParser.notInMultiFields). */
export function rankFeaturesInMultiField(name: string): never {
  throw failedToParseMapping(`Field [${name}] of type [rank_features] can't be used in multifields`)
}

/** The value FeatureField keeps: the inverse under a negative score impact, then its checks. */
function storedValue(field: FieldMapping, float: number, feature: string, luceneField: string): number {
  return storedFeatureValue(
    field.positive_score_impact === false ? Math.fround(1 / float) : float,
    feature,
    luceneField,
  )
}

/** FeatureField's checks of a feature value (its constructor's and setFeatureValue's): the value, or its refusal. */
export function storedFeatureValue(value: number, feature: string, luceneField: string): number {
  const got = `${javaFloatToString(value)} for feature ${feature} on field ${luceneField}`
  if (!Number.isFinite(value)) throw illegalArgumentException(`featureValue must be finite, got: ${got}`)
  if (value < MIN_NORMAL)
    throw illegalArgumentException(
      `featureValue must be a positive normal float, got: ${got} which is less than the minimum positive normal float: ${MIN_NORMAL_TEXT}`,
    )
  return value
}

/** DocumentParser's wrapping of a mapper's exception: "failed to parse: <reason>" at the parser's token. */
export function mapperFailure(cause: EsException): EsException {
  return documentFailure('start', (at, token) =>
    documentParsingException(at.line, at.col, `failed to parse: ${cause.reason}`, rebuildAt(cause, token)),
  )
}

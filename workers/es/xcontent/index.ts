/**
 * The XContent layer's public surface: parse request bodies as Elasticsearch's Jackson parser does, write
 * responses as its generator does, and pretty-print them as `?pretty` and Kibana Dev Tools show them.
 */

export { XNumber, type XContentObject, type XContentValue } from './x-content-value.ts'
export { ExtraDataError, parseJson, type ParseJsonOptions } from './json-parser.ts'
export {
  elementLocation,
  endLocationOf,
  locationOf,
  sourceTextOf,
  tokenLocation,
  valueEndLocation,
  type ContentLocation,
} from './content-locations.ts'
export {
  JsonParseError,
  STREAM_SOURCE,
  byteArraySource,
  formatLocation,
  type JacksonException,
} from './json-parse-error.ts'
export {
  NdjsonTerminationError,
  parseNdjson,
  splitNdjson,
  type NdjsonApi,
  type NdjsonLine,
} from './ndjson.ts'
export { JavaDouble, JavaFloat, RawJson, quoteJson, toJson, type JsonOut } from './json-writer.ts'
export { javaDoubleToString, javaFloatToString } from './java-number-format.ts'
export { prettyElasticsearch, prettyKibana } from './pretty.ts'
export { filterPath } from './filter-path.ts'
export { JsonTokenizer, type TokenizerOptions } from './json-tokenizer.ts'
export { Token, jacksonTokenName, xContentTokenName, type TokenKind } from './json-token.ts'

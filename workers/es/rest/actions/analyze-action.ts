/**
 * _analyze (RestAnalyzeAction, TransportAnalyzeAction, AnalyzeAction.Request/Response of ES 8):
 * GET|POST /_analyze and /{index}/_analyze with a body of `text` (a string or an array of strings),
 * `analyzer`, `tokenizer`, `filter`, `char_filter` (names or inline definitions with a `type`), `field`,
 * `normalizer`, `explain` and `attributes`.
 * Analyzer choice, in ES's order: a tokenizer (or only filters / char filters: a keyword-tokenized
 * normalizer chain) builds a custom analyzer; else `analyzer`, `normalizer`, `field` (its mapping's
 * analyzer), then the index's default analyzer or, without an index, standard.
 * Array values: positions continue after position_increment_gap (100) and offsets after the previous
 * value's length plus the offset gap (1), as simpleAnalyze accumulates them.
 * The index may be named by an alias of one index (TransportSingleShardAction's resolution). The token count is
 * bounded by the index's index.analyze.max_token_count (10000 without an index), and inline ngram / shingle
 * definitions by its current index.max_ngram_diff / index.max_shingle_diff.
 * Response: {"tokens":[{token,start_offset,end_offset,type,position[,positionLength when > 1]}]}, or with
 * explain {"detail":{custom_analyzer, charfilters/tokenizer/tokenfilters | analyzer}} whose tokens carry the
 * extra attributes bytes, positionLength and termFrequency (filtered by `attributes`, sorted by name).
 */
import { fieldParseError } from '../../cluster/metadata/field-parse-error.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import type { EsException } from '../../errors/index.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  illegalStateException,
} from '../../errors/index.ts'
import {
  RawJson,
  toJson,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import type { Analyzer } from '../../analysis/analyzer.ts'
import type { AnalysisSettings } from '../../analysis/custom/analysis-settings.ts'
import {
  CustomAnalyzer,
  DEFAULT_OFFSET_GAP,
  DEFAULT_POSITION_INCREMENT_GAP,
} from '../../analysis/custom/custom-analyzer.ts'
import { applyCharFilters } from '../../analysis/custom/char-filter.ts'
import { plainValue } from '../../analysis/custom/index-analysis-settings.ts'
import { DEFAULT_INDEX_LIMITS, indexLimits, type IndexLimits } from '../../index/index-limit-settings.ts'
import { readableSingleIndex } from '../../action/transport-get-action.ts'
import { globalBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import type { IndexAnalyzers } from '../../analysis/custom/index-analyzers.ts'
import {
  GLOBAL_ANALYZERS,
  NORMALIZING_COMPONENTS,
  type NameOrDefinition,
} from '../../analysis/custom/index-analyzers.ts'
import { positionLengthOf, type GraphTokenList } from '../../analysis/custom/token-graph.ts'
import { getAnalyzer } from '../../analysis/registry.ts'
import { IllegalArgumentException, type TokenList } from '../../analysis/token-list.ts'
import type { IndexService } from '../../index/index-service.ts'
import { isAnalyzedText } from '../../index/mapper/mapping.ts'
import { searchFields } from '../../search/search-fields.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'

interface AnalyzeRequest {
  text: string[] | null
  analyzer?: string
  tokenizer?: NameOrDefinition
  filter: NameOrDefinition[]
  charFilter: NameOrDefinition[]
  field?: string
  normalizer?: string
  explain: boolean
  attributes: string[]
}

export function registerAnalyzeActions(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => analyze(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_analyze', handler, 'indices.analyze')
      .register(method, '/{index}/_analyze', handler, 'indices.analyze')
  }
}

function analyze(context: RestContext, req: RestHandlerRequest): RestResponse {
  const body = requiredContent(req.request.body)
  const request = parseAnalyzeRequest(parseRequestBody(body), body)
  validate(request, req.path.index)
  // TransportSingleShardAction: the one index the name or alias names (a closed one refused), its READ blocks
  // checked (TransportAnalyzeAction checks only the global ones without an index).
  if (req.path.index === undefined) globalBlockedRaiseException(context.client.cluster.state(), 'READ')
  const index = req.path.index === undefined ? null : readableSingleIndex(context, req.path.index)
  const scope = index === null ? GLOBAL_ANALYZERS : index.analysis.analyzers
  const limits = index === null ? DEFAULT_INDEX_LIMITS : indexLimits(index.metadata)
  try {
    const analyzer = chooseAnalyzer(request, scope, index, limits)
    const texts = request.text ?? []
    const max = limits.maxTokenCount
    if (request.explain) return json(200, { detail: detail(analyzer, texts, request.attributes, max) })
    return json(200, {
      tokens: collect(texts, (text) => analyzer.tokenStream(text), gapsOf(analyzer), null, max),
    })
  } catch (error) {
    if (error instanceof IllegalArgumentException) throw illegalArgumentException(error.message)
    throw error
  }
}

// ---- request parsing (AnalyzeAction.Request's ObjectParser "analyze_request") ----

function fieldError(body: string, key: string, message: string): EsException {
  return fieldParseError(body, key, `[analyze_request] ${message}`)
}

function scalarText(value: XContentValue): string | null {
  if (value instanceof XNumber) return value.text
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : null
}

function nameOrDefinition(value: XContentValue, body: string, key: string): NameOrDefinition {
  if (value instanceof Map) return plainValue(value) as AnalysisSettings
  const text = scalarText(value)
  if (text === null) throw fieldError(body, key, `${key} doesn't support values of type: START_ARRAY`)
  return text
}

function stringList(value: XContentValue, body: string, key: string): string[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map((entry) => {
    const text = scalarText(entry)
    if (text === null) throw fieldError(body, key, `${key} doesn't support values of type: START_OBJECT`)
    return text
  })
}

function parseAnalyzeRequest(object: XContentObject, body: string): AnalyzeRequest {
  const request: AnalyzeRequest = { text: null, filter: [], charFilter: [], explain: false, attributes: [] }
  for (const [key, value] of object) {
    const single = (): string => {
      const text = scalarText(value)
      if (text === null) throw fieldError(body, key, `${key} doesn't support values of type: START_OBJECT`)
      return text
    }
    switch (key) {
      case 'text':
        request.text = stringList(value, body, key)
        break
      case 'analyzer':
        request.analyzer = single()
        break
      case 'tokenizer':
        request.tokenizer = nameOrDefinition(value, body, key)
        break
      case 'filter':
      case 'char_filter': {
        const list = (Array.isArray(value) ? value : [value]).map((entry) =>
          nameOrDefinition(entry, body, key),
        )
        if (key === 'filter') request.filter = list
        else request.charFilter = list
        break
      }
      case 'field':
        request.field = single()
        break
      case 'normalizer':
        request.normalizer = single()
        break
      case 'explain': {
        const text = single()
        if (text !== 'true' && text !== 'false') {
          throw fieldError(
            body,
            key,
            `Failed to parse value [${text}] as only [true] or [false] are allowed.`,
          )
        }
        request.explain = text === 'true'
        break
      }
      case 'attributes':
        request.attributes = stringList(value, body, key)
        break
      default:
        throw fieldError(body, key, `unknown field [${key}]`)
    }
  }
  return request
}

function validate(request: AnalyzeRequest, index: string | undefined): void {
  const errors: string[] = []
  const extra = request.tokenizer !== undefined || request.filter.length > 0 || request.charFilter.length > 0
  if (!request.text || request.text.length === 0) errors.push('text is missing')
  if ((index === undefined || index === '') && request.normalizer !== undefined) {
    errors.push('index is required if normalizer is specified')
  }
  if (
    request.normalizer !== undefined &&
    (request.tokenizer !== undefined || request.analyzer !== undefined)
  ) {
    errors.push('tokenizer/analyze should be null if normalizer is specified')
  }
  if (request.analyzer !== undefined && extra)
    errors.push('cannot define extra components on a named analyzer')
  if (request.normalizer !== undefined && extra)
    errors.push('cannot define extra components on a named normalizer')
  if (request.field !== undefined && extra) {
    errors.push('cannot define extra components on a field-specific analyzer')
  }
  if (errors.length > 0) throw actionRequestValidationException(errors)
}

// ---- choosing the analyzer (TransportAnalyzeAction.buildCustomAnalyzer / getAnalyzer) ----

function chooseAnalyzer(
  request: AnalyzeRequest,
  scope: IndexAnalyzers,
  index: IndexService | null,
  limits: IndexLimits,
): Analyzer {
  const normalizerChain = request.tokenizer === undefined
  if (!normalizerChain || request.filter.length > 0 || request.charFilter.length > 0) {
    const tokenizer = scope.resolve('tokenizer', request.tokenizer ?? 'keyword', limits)
    const charFilters = request.charFilter.map((spec) => scope.resolve('char_filter', spec, limits))
    const filters = request.filter.map((spec) => {
      const filter = scope.resolve('filter', spec, limits)
      if (normalizerChain && !NORMALIZING_COMPONENTS.has(filter.type)) {
        throw new IllegalArgumentException(`Custom normalizer may not use filter [${filter.name}]`)
      }
      return filter
    })
    return new CustomAnalyzer('__custom__', {
      tokenizer,
      filters,
      charFilters,
      filterLookup: (name) => scope.lookupFilter(name),
    })
  }
  if (request.analyzer !== undefined) {
    const analyzer = scope.analyzer(request.analyzer)
    if (!analyzer) {
      const global = scope.isGlobal ? 'global ' : ''
      throw new IllegalArgumentException(`failed to find ${global}analyzer [${request.analyzer}]`)
    }
    return analyzer
  }
  if (request.normalizer !== undefined) {
    const normalizer = scope.normalizer(request.normalizer)
    if (!normalizer)
      throw new IllegalArgumentException(`failed to find normalizer under [${request.normalizer}]`)
    return normalizer
  }
  if (request.field !== undefined) {
    if (!index) throw new IllegalArgumentException('analysis based on a specific field requires an index')
    // MapperService.fieldType: a field alias is its target's field type.
    const mapping = searchFields(index.metadata.mapping).get(request.field)
    if (mapping !== undefined && isAnalyzedText(mapping)) {
      return mapping.analyzer === undefined
        ? scope.defaultAnalyzer()
        : (scope.analyzer(mapping.analyzer) ?? scope.defaultAnalyzer())
    }
    // a keyword's index analyzer is its normalizer (KeywordFieldMapper.indexAnalyzers)
    if (mapping?.type === 'keyword') {
      const normalizer = mapping.normalizer === undefined ? null : scope.normalizer(mapping.normalizer)
      return normalizer ?? getAnalyzer('keyword') ?? scope.defaultAnalyzer()
    }
    if (mapping) {
      throw new IllegalArgumentException(
        `Can't process field [${request.field}], Analysis requests are only supported on tokenized fields`,
      )
    }
  }
  return scope.defaultAnalyzer()
}

// ---- running it (simpleAnalyze / detailAnalyze) ----

interface Gaps {
  position: number
  offset: number
}

function gapsOf(analyzer: Analyzer): Gaps {
  return analyzer instanceof CustomAnalyzer
    ? { position: analyzer.positionIncrementGap, offset: analyzer.offsetGap }
    : { position: DEFAULT_POSITION_INCREMENT_GAP, offset: DEFAULT_OFFSET_GAP }
}

/** The tokens of every value, positions and offsets continued across values; attributes when explaining. */
function collect(
  texts: readonly string[],
  stream: (text: string) => TokenList,
  gaps: Gaps,
  attributes: ReadonlySet<string> | null,
  maxTokenCount: number,
): JsonOut[] {
  const out: JsonOut[] = []
  let lastPosition = -1
  let lastOffset = 0
  for (const text of texts) {
    const tokens: GraphTokenList = stream(text)
    let previous = -1
    tokens.terms.forEach((term, i) => {
      const position = tokens.positions[i] ?? 0
      if (position > previous) lastPosition += position - previous
      previous = position
      if (out.length >= maxTokenCount) {
        throw illegalStateException(
          `The number of tokens produced by calling _analyze has exceeded the allowed maximum of [${maxTokenCount}].` +
            ' This limit can be set by changing the [index.analyze.max_token_count] index level setting.',
        )
      }
      const positionLength = positionLengthOf(tokens, i)
      const token: { [key: string]: JsonOut } = {
        token: term,
        start_offset: lastOffset + (tokens.startOffsets[i] ?? 0),
        end_offset: lastOffset + (tokens.endOffsets[i] ?? 0),
        type: tokens.types[i] ?? '',
        position: lastPosition,
      }
      if (positionLength > 1) token.positionLength = positionLength
      out.push(attributes ? withAttributes(token, term, positionLength, attributes) : token)
    })
    lastOffset += text.length + gaps.offset
    lastPosition += gaps.position
  }
  return out
}

/** BytesRef.toString of the term's UTF-8: "[71 75 69 63 6b]". */
function bytesText(term: string): string {
  return `[${[...new TextEncoder().encode(term)].map((byte) => byte.toString(16)).join(' ')}]`
}

/** The token with the extended attributes after its fields, as raw JSON: positionLength may repeat. */
function withAttributes(
  token: { [key: string]: JsonOut },
  term: string,
  positionLength: number,
  attributes: ReadonlySet<string>,
): JsonOut {
  const extended: Array<[string, JsonOut]> = [
    ['bytes', bytesText(term)],
    ['positionLength', positionLength],
    ['termFrequency', 1],
  ]
  const kept = extended.filter(([key]) => attributes.size === 0 || attributes.has(key.toLowerCase()))
  const fields = kept.map(([key, value]) => `,${toJson(key)}:${toJson(value)}`).join('')
  return new RawJson(`${toJson(token).slice(0, -1)}${fields}}`)
}

function detail(
  analyzer: Analyzer,
  texts: readonly string[],
  attributeNames: readonly string[],
  maxTokenCount: number,
): JsonOut {
  const attributes = new Set(attributeNames.map((name) => name.toLowerCase()))
  const gaps = gapsOf(analyzer)
  if (!(analyzer instanceof CustomAnalyzer)) {
    return {
      custom_analyzer: false,
      analyzer: {
        name: analyzer.name,
        tokens: collect(texts, (text) => analyzer.tokenStream(text), gaps, attributes, maxTokenCount),
      },
    }
  }
  const { components } = analyzer
  return {
    custom_analyzer: true,
    charfilters: components.charFilters.map((charFilter, i) => ({
      name: charFilter.name,
      filtered_text: texts.map((text) => applyCharFilters(text, analyzer.charFilters.slice(0, i + 1)).text),
    })),
    tokenizer: {
      name: components.tokenizer.name,
      tokens: collect(texts, (text) => analyzer.tokenizerStream(text), gaps, attributes, maxTokenCount),
    },
    tokenfilters: components.filters.map((filter, i) => ({
      name: filter.name,
      tokens: collect(texts, (text) => analyzer.partialStream(text, i + 1), gaps, attributes, maxTokenCount),
    })),
  }
}

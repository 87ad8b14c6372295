/**
 * What `_scripts/painless/_execute` runs (PainlessExecuteAction.TransportAction.innerShardOperation), by context:
 * - painless_test: the script over its `params`, its result printed by Objects.toString (`"0.1"`, `"null"`);
 * - filter and score: the script over the context's document (`context_setup.document`) parsed with the index's
 *   mapping as the only document of an index of its own (prepareRamIndex: fields the mapping lacks are not in
 *   `doc`, no dynamic mapping update is made), its result a boolean (filter) or a double (score);
 * - the field contexts (boolean_field, date_field, double_field, ip_field, keyword_field, long_field): the script
 *   with `emit` over the same document, the values in emit order (a boolean_field's falses before its trues, as
 *   BooleanFieldScript counts them), dates printed by strict_date_optional_time, ip addresses by
 *   NetworkAddress.format.
 * The document is parsed before the script is compiled, as prepareRamIndex does. A field context without an index
 * is ES's NullPointerException (prepareRamIndex reads the null IndexService).
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/shard-operation.ts'
import { DEFAULT_DATE_FORMAT } from '../index/mapper/doc-values.ts'
import { DateFormatter } from '../common/time/index.ts'
import { docValuesIndex, shardDocValues } from '../search/doc-values-source.ts'
import { parsePercolatedDocument } from '../search/percolator/percolator-memory-index.ts'
import type { DocValuesSource, FieldValue } from '../search/aggregations/index.ts'
import { toJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { DocLookup } from './doc-lookup.ts'
import type { PainlessExecuteContext, PainlessExecuteRequest } from './painless-execute-request.ts'
import { PainlessScript } from './painless-script.ts'
import { Num, className, fromXContent, javaString, toXContent, type Value } from './painless-values.ts'
import { Emit, compileFieldScript, type EmitType } from './runtime-field-script.ts'
import { SearchScript } from './search-script.ts'
import { classCast } from './script-errors.ts'

/** SourceToParse's id of the document. */
const DOCUMENT_ID = '_id'

const FIELD_TYPES: Partial<Record<PainlessExecuteContext, EmitType>> = {
  boolean_field: 'boolean',
  date_field: 'date',
  double_field: 'double',
  ip_field: 'ip',
  keyword_field: 'keyword',
  long_field: 'long',
}

/** The response's `result`; `index` is the resolved `context_setup.index`, or null without one. */
export function executePainless(request: PainlessExecuteRequest, index: IndexService | null): XContentValue {
  const source = request.script.source!
  const params = fromXContent(request.script.params) as Map<string, Value>
  const { context } = request
  if (context === 'painless_test') {
    return javaString(PainlessScript.compile(source, ['params']).run(new Map([['params', params]])))
  }
  if (context === 'geo_point_field' || context === 'composite_field') {
    throw illegalArgumentException(`the [${context}] context is not available in the playground`)
  }
  if (index === null) {
    throw new EsException({
      type: 'null_pointer_exception',
      reason:
        'Cannot invoke "org.elasticsearch.index.IndexService.getIndexAnalyzers()" because "indexService" is null',
      status: 500,
      rootCause: false,
    })
  }
  const document = request.contextSetup?.document ?? null
  if (document === null)
    throw illegalArgumentException('document is a required parameter for current context')
  if (context === 'score' && request.contextSetup?.query != null) {
    throw illegalArgumentException('a [query] in [context_setup] is not supported by this playground')
  }
  const docValues = documentDocValues(index, document)
  if (context === 'filter' || context === 'score') {
    const script = new SearchScript(request.script, context, docValues, index.metadata.name)
    const result = context === 'score' ? script.run(0, 0) : script.run(0)
    if (context === 'filter') {
      if (typeof result === 'boolean') return result
      throw script.resultError(classCast(`Cannot cast ${className(result)} to java.lang.Boolean`))
    }
    if (result instanceof Num) return toXContent(Num.double(result.value))
    throw script.resultError(classCast(`Cannot cast ${className(result)} to java.lang.Number`))
  }
  const type = FIELD_TYPES[context]!
  const script = compileFieldScript(source)
  const lookup = new DocLookup(docValues, index.metadata.name)
  lookup.docId = 0
  const emit = new Emit(context, type)
  script.run(
    new Map<string, Value>([
      ['params', new Map(params).set('_source', fromXContent(document))],
      ['doc', lookup],
      ['emit', emit],
    ]),
  )
  return emitted(type, emit.values)
}

/** The document parsed with the index's mapping (its failure thrown) and its doc values as doc id 0's. */
function documentDocValues(index: IndexService, document: XContentObject): DocValuesSource {
  parsePercolatedDocument(index, document, DOCUMENT_ID)
  const stored: StoredDocument = {
    id: DOCUMENT_ID,
    source: toJson(document),
    routing: null,
    version: 1,
    seqNo: 0,
    primaryTerm: 1,
  }
  const searcher = {
    searchedDocument: (docId: number) => (docId === 0 ? stored : undefined),
    blockRoot: (docId: number) => (docId === 0 ? 0 : undefined),
    blockStart: () => 0,
  }
  return shardDocValues(searcher, index.metadata.mapping, docValuesIndex(index))
}

/** The values as the field context's Response lists them. */
function emitted(type: EmitType, values: readonly FieldValue[]): XContentValue {
  switch (type) {
    case 'boolean': {
      const trues = values.filter((value) => value === 1).length
      return [...Array<boolean>(values.length - trues).fill(false), ...Array<boolean>(trues).fill(true)]
    }
    case 'date': {
      const formatter = DateFormatter.forPattern(DEFAULT_DATE_FORMAT)
      return values.map((millis) => formatter.format(Number(millis)))
    }
    case 'double':
      return values.map((value) => toXContent(Num.double(Number(value))))
    case 'long':
      return values.map((value) => toXContent(Num.long(BigInt(value))))
    default:
      return values.map((value) => String(value))
  }
}

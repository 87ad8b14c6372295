/**
 * ES's TermsSetQueryBuilder (`terms_set`): `{ "<field>": { "terms": [...], "minimum_should_match_field": "f" } }`
 * or with `"minimum_should_match_script": <script>` instead, built into Lucene's CoveringQuery: one term query per
 * value (the field type's termQuery, as `term` builds it; a plain TermQuery on an unmapped field), and the number of
 * them each document must match, read per document from the field's long doc values (FieldValuesSource: its
 * first value, a double truncated) or from the script (TermsSetQueryScript, `params.num_terms` the number of
 * values; a null result: no value, so no match). The values are resolved here on the shard into the query's
 * LongValuesSource table. A parse-only check (a context without an index: the coordinating node's) builds the
 * query with an empty table and raises none of doToQuery's errors.
 *
 * Errors, as fromXContent and doToQuery raise them: `[terms_set] unknown token [T]` where the field or its object
 * is missing or a second field follows; `[terms_set] query does not support [k]`; `[terms_set] unknown token [T]
 * after [k]`; both a field and a script: "A field has already been specified. Cannot specify both a field and
 * script"; neither: "failed to create query: No minimum should match has been specified"; an unmapped field:
 * "failed to find minimum_should_match field [f]". No terms: MatchNoDocsQuery.
 */
import type { IndexQuery, LongValuesSource } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { hashMapOrdered } from '../../action/source-map.ts'
import { fromXContent, javaString, Num, className, type Value } from '../../script/painless-values.ts'
import { SearchScript, parseScriptSpec, type ScriptSpec } from '../../script/search-script.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { isAnalyzedText, NUMERIC_TYPES } from '../../index/mapper/mapping.ts'
import { tokenName } from '../aggregations/aggregation-params.ts'
import { fielddataDisabled } from '../aggregations/values-source.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import {
  boostOf,
  parsingError,
  parsingErrorAt,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { queryFieldMapping } from './metadata-fields.ts'
import { exactValueQuery } from './term-level-queries.ts'

const NAME = 'terms_set'
/** The field types whose field data is an IndexNumericFieldData (numbers, dates, booleans). */
const LONG_VALUED_TYPES: ReadonlySet<string> = new Set([...NUMERIC_TYPES, 'date', 'date_nanos', 'boolean'])

interface TermsSetOptions {
  field: string
  values: XContentValue[]
  minimumShouldMatchField: string | null
  minimumShouldMatchScript: ScriptSpec | null
}

function parseOptions(body: XContentObject): TermsSetOptions {
  const [first, second] = [...body.keys()]
  if (first === undefined) throw parsingErrorAtEnd(body, `[${NAME}] unknown token [END_OBJECT]`)
  const options = body.get(first)!
  if (!(options instanceof Map))
    throw parsingErrorAt(body, first, 'value', `[${NAME}] unknown token [${tokenName(options)}]`)
  const parsed: TermsSetOptions = {
    field: first,
    values: [],
    minimumShouldMatchField: null,
    minimumShouldMatchScript: null,
  }
  for (const [key, value] of options) {
    const unsupported = () =>
      parsingErrorAt(options, key, 'value', `[${NAME}] query does not support [${key}]`)
    if (Array.isArray(value)) {
      if (key !== 'terms') throw unsupported()
      parsed.values = value
    } else if (value instanceof Map) {
      if (key !== 'minimum_should_match_script') throw unsupported()
      parsed.minimumShouldMatchScript = parseScriptSpec(value)
    } else if (key === 'minimum_should_match_field') {
      parsed.minimumShouldMatchField = scalarText(value)
    } else if (key !== 'boost' && key !== '_name') {
      throw unsupported()
    }
  }
  if (second !== undefined) throw parsingErrorAt(body, second, 'key', `[${NAME}] unknown token [FIELD_NAME]`)
  if (parsed.minimumShouldMatchField !== null && parsed.minimumShouldMatchScript !== null)
    throw illegalArgumentException(
      'A field has already been specified. Cannot specify both a field and script',
    )
  return parsed
}

/** A value as TermsQueryBuilder.parseValues reads it: a scalar (a null fails). */
function valueText(value: XContentValue): string {
  const text = scalarText(value)
  if (text === null) throw parsingError('[terms] query does not support [null] values')
  return text
}

/** The field type's termQuery for one value, unboosted (a TermQuery of the value where the field is unmapped). */
function termQueryOf(field: string, value: XContentValue, context: QueryContext): IndexQuery {
  const text = valueText(value)
  if (queryFieldMapping(context, field) === undefined) return { type: 'term', field, term: text, boost: 1 }
  return exactValueQuery(field, value, text, context, 1)
}

/** FieldValuesSource over `name`'s field data: each live document's first value, as a long. */
function fieldValues(name: string, context: QueryContext): LongValuesSource {
  const description = `long(${name})`
  if (context.index === undefined) return { description, values: new Map() }
  const mapping = queryFieldMapping(context, name)
  if (mapping === undefined)
    throw queryShardException(`failed to find minimum_should_match field [${name}]`, context.index)
  const indexName = context.index?.name ?? ''
  if (isAnalyzedText(mapping)) {
    const refusal = fielddataDisabled(name, indexName)
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', refusal.reason)
  }
  if (!LONG_VALUED_TYPES.has(mapping.type)) {
    throw failedToCreateQuery(
      context.index,
      'class_cast_exception',
      'class org.elasticsearch.index.fielddata.plain.SortedSetOrdinalsIndexFieldData cannot be cast to class ' +
        'org.elasticsearch.index.fielddata.IndexNumericFieldData',
    )
  }
  const values = new Map<number, number>()
  const scripting = context.shard?.scripting()
  for (const { docId } of scripting?.liveDocs() ?? []) {
    const [first] = scripting!.docValues.values(name, docId)
    if (typeof first === 'number') values.set(docId, Math.trunc(first))
  }
  return { description, values }
}

/** Script.toString: `Script{type=inline, lang='painless', idOrCode='...', options={}, params={...}}`. */
function scriptText(spec: ScriptSpec): string {
  const params = javaString(fromXContent(hashMapOrdered(spec.params)))
  if (spec.source !== null)
    return `Script{type=inline, lang='painless', idOrCode='${spec.source}', options={}, params=${params}}`
  return `Script{type=stored, lang='null', idOrCode='${spec.id}', options=null, params=${params}}`
}

/** ScriptLongValueSource: the script's value per live document as a long (Number.longValue), null: none. */
function scriptValues(spec: ScriptSpec, termCount: number, context: QueryContext): LongValuesSource {
  const description = `script(${scriptText(spec)})`
  const values = new Map<number, number>()
  const scripting = context.shard?.scripting()
  if (!scripting) return { description, values }
  const params = new Map(spec.params).set('num_terms', new XNumber(String(termCount)))
  const script = new SearchScript(
    { ...spec, params },
    'filter',
    scripting.docValues,
    context.index?.name ?? '',
  )
  for (const { docId } of scripting.liveDocs()) {
    const result: Value = script.run(docId)
    if (result === null) continue
    if (!(result instanceof Num)) {
      throw failedToCreateQuery(
        context.index,
        'class_cast_exception',
        `class ${className(result)} cannot be cast to class java.lang.Number`,
      )
    }
    values.set(docId, result.integral ? Number(result.exact) : Math.trunc(result.value))
  }
  return { description, values }
}

export function termsSetQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, values, minimumShouldMatchField, minimumShouldMatchScript } = parseOptions(body)
  if (values.length === 0) return { type: 'matchNone' }
  const queries = values.map((value) => termQueryOf(field, value, context))
  let minimumNumberMatch: LongValuesSource
  if (minimumShouldMatchField !== null) minimumNumberMatch = fieldValues(minimumShouldMatchField, context)
  else if (minimumShouldMatchScript !== null)
    minimumNumberMatch = scriptValues(minimumShouldMatchScript, values.length, context)
  else if (context.index === undefined) minimumNumberMatch = { description: '', values: new Map() }
  else {
    const reason = 'No minimum should match has been specified'
    throw failedToCreateQuery(context.index, 'illegal_state_exception', reason)
  }
  const options = body.get(field)!
  return { type: 'covering', queries, minimumNumberMatch, boost: boostOf(options) }
}

/**
 * The simulate pipeline API (SimulatePipelineRequest, SimulateExecutionService, ES 8).
 *
 * Request: `{"pipeline": {...}, "docs": [{"_index", "_id", "_routing", "_version", "_source"}]}`; with a
 * pipeline id in the path the stored pipeline runs instead (`pipeline [x] does not exist`), else the body's
 * pipeline under the id `_simulate_pipeline` (`[pipeline] required property is missing`). Docs: `[docs]
 * required property is missing`, `must specify at least one document in [docs]`, `malformed [docs] section,
 * should include an inner object`, `[_source] required property is missing`; `_index` and `_id` default to
 * the strings "_index" and "_id", `_version` to -3.
 *
 * Response: `{"docs":[...]}` with, per document, `{"doc":{<metadata as strings>,"_source":{},"_ingest":{}}}`,
 * `null` when dropped, or `{"error":{...}}`; with `verbose`, `{"processor_results":[...]}` where each result
 * is `processor_type`, `status` (success, error, error_ignored, skipped, dropped), `description`, `tag`,
 * `if` {condition, result}, the error (under `ignored_error` when ignored) and the `doc` after it. Maps print
 * in Java HashMap order, as ES's maps hold them.
 */
import { errorJson } from '../errors/index.ts'
import type { JsonOut, XContentObject, XContentValue } from '../xcontent/index.ts'
import { hashMapOrdered, sourceToJson } from '../action/source-map.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { illegalArgumentException } from './ingest-exceptions.ts'
import type { IngestDocument } from './ingest-document.ts'
import { newIngestDocument, unwrapFailure, type IngestService } from './ingest-service.ts'
import { javaClassName, javaToString } from './java-values.ts'
import { Pipeline } from './pipeline.ts'
import { ProcessorConfig } from './processor-config.ts'
import type { ExecutionContext, ProcessorResult } from './processor.ts'
import type { EnrichLookup } from './enrich/enrich-lookup.ts'

export const SIMULATED_PIPELINE_ID = '_simulate_pipeline'

export function simulatePipeline(
  service: IngestService,
  pipelineId: string | null,
  body: XContentObject,
  verbose: boolean,
  now: number,
  enrich: EnrichLookup,
): Map<string, JsonOut> {
  const config = new ProcessorConfig({ type: null, tag: null }, hashMapOrdered(body))
  let pipeline: Pipeline
  if (pipelineId === null) {
    const definition = config.take('pipeline')
    if (definition === null) throw config.error('pipeline', 'required property is missing')
    if (!(definition instanceof Map)) {
      throw config.error('pipeline', `property isn't a map, but of type [${javaClassName(definition)}]`)
    }
    pipeline = Pipeline.create(SIMULATED_PIPELINE_ID, definition, enrich)
  } else {
    const stored = service.pipeline(pipelineId, enrich)
    if (stored === undefined) throw illegalArgumentException(`pipeline [${pipelineId}] does not exist`)
    pipeline = stored
  }
  const docs = parseDocs(config, now)
  const context = (results: ProcessorResult[] | null) => service.context(results, enrich)
  const results: JsonOut[] = docs.map((doc) =>
    verbose ? runVerbose(context, pipeline, doc) : run(context, pipeline, doc),
  )
  return new Map([['docs', results]])
}

function parseDocs(config: ProcessorConfig, now: number): IngestDocument[] {
  const docs = config.list('docs')
  if (docs.length === 0) throw illegalArgumentException('must specify at least one document in [docs]')
  return docs.map((entry) => {
    if (!(entry instanceof Map)) {
      throw illegalArgumentException('malformed [docs] section, should include an inner object')
    }
    const doc = new ProcessorConfig({ type: null, tag: null }, new Map(entry))
    const source = doc.take('_source')
    if (source === null) throw doc.error('_source', 'required property is missing')
    if (!(source instanceof Map)) {
      throw doc.error('_source', `property isn't a map, but of type [${javaClassName(source)}]`)
    }
    const stringOrInt = (name: string, fallback: string | null): string | null => {
      const value = doc.take(name)
      if (value === null) return fallback
      if (typeof value === 'string' || javaClassName(value) === 'java.lang.Integer')
        return javaToString(value)
      throw doc.error(name, `property isn't a string or int, but of type [${javaClassName(value)}]`)
    }
    const version = doc.take('_version')
    return newIngestDocument(
      {
        index: stringOrInt('_index', '_index')!,
        id: stringOrInt('_id', '_id'),
        routing: stringOrInt('_routing', null),
        version: version === null ? null : Number(javaToString(version)),
        source,
      },
      now,
    )
  })
}

type ContextFor = (results: ProcessorResult[] | null) => ExecutionContext

function run(context: ContextFor, pipeline: Pipeline, doc: IngestDocument): JsonOut {
  try {
    const result = pipeline.execute(doc, context(null))
    return result === null ? null : new Map([['doc', documentJson(result)]])
  } catch (error) {
    return new Map([['error', errorJson(unwrapFailure(error))]])
  }
}

function runVerbose(context: ContextFor, pipeline: Pipeline, doc: IngestDocument): JsonOut {
  const results: ProcessorResult[] = []
  try {
    pipeline.execute(doc, context(results))
  } catch (error) {
    // The failing processor's result already holds the error; anything that is not an ES failure propagates.
    unwrapFailure(error)
  }
  return new Map([['processor_results', results.map(resultJson)]])
}

function resultJson(result: ProcessorResult): JsonOut {
  const out = new Map<string, JsonOut>([
    ['processor_type', result.type],
    ['status', status(result)],
  ])
  if (result.description !== null) out.set('description', result.description)
  if (result.tag !== null) out.set('tag', result.tag)
  if (result.condition !== null) {
    out.set(
      'if',
      new Map<string, JsonOut>([
        ['condition', result.condition.source],
        ['result', result.condition.result],
      ]),
    )
  }
  if (result.failure !== null && result.doc !== null) {
    out.set('ignored_error', new Map([['error', errorJson(result.failure)]]))
  } else if (result.failure !== null) out.set('error', errorJson(result.failure))
  if (result.doc !== null) out.set('doc', documentJson(result.doc))
  return out
}

/** SimulateProcessorResult.getStatus. */
function status(result: ProcessorResult): string {
  if (result.condition !== null && !result.condition.result) return 'skipped'
  if (result.failure !== null) return result.doc === null ? 'error' : 'error_ignored'
  if (result.doc === null && result.type !== 'pipeline') return 'dropped'
  return 'success'
}

/** WriteableIngestDocument.toXContent. */
export function documentJson(doc: IngestDocument): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  for (const key of javaStringKeyOrder([...doc.metadata.keys()])) {
    const value: XContentValue | undefined = doc.metadata.get(key)
    if (value !== undefined && value !== null) out.set(key, javaToString(value))
  }
  out.set('_source', sourceToJson(hashMapOrdered(doc.source)))
  out.set('_ingest', sourceToJson(hashMapOrdered(doc.ingest)))
  return out
}

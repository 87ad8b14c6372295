/**
 * IngestService (ES 8): the pipelines of the cluster, compiled from the PipelineStore on first use (and
 * again when their stored JSON changes), and the execution a write applies.
 *
 * The write path (IndexRequest with `?pipeline=`, `index.default_pipeline`, `index.final_pipeline`; bulk
 * index and create items, and a bulk update item's upsert IndexRequest, which has no index, id or routing)
 * calls `execute` with the pipelines resolved for its target (resolve-pipelines.ts): the request's (or the
 * default) pipeline, then the final pipeline, `_none` for none. One IngestDocument goes through all of them,
 * and through those of every index a pipeline moves it to (executePipelines' loop).
 * The source is read as IndexRequest.sourceAsMap reads it (an unordered map: Java HashMap order at every
 * level, numbers re-printed), so `text` is the source to index after the pipelines; metadata changes
 * (`_index`, `_id`, `_routing`) come back for the caller to route the write again.
 *
 * A missing pipeline fails with `pipeline with id [x] does not exist`; a processor failure without
 * on_failure is the failure itself (IngestProcessorException is unwrapped when rendered). Pipelines are
 * compiled and run against an EnrichLookup (enrich/enrich-lookup.ts), the enrich processor's view of the
 * cluster's enrich indices; without one, none exists.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { parseJson, toJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { hashMapOrdered, sourceToJson } from '../action/source-map.ts'
import { DateFormatter } from '../common/time/index.ts'
import { IngestDocument } from './ingest-document.ts'
import { IngestFailure, illegalStateException } from './ingest-exceptions.ts'
import { Pipeline } from './pipeline.ts'
import type { PipelineStore } from './pipeline-store.ts'
import { NO_PIPELINES_DEFINED, NOOP_PIPELINE_NAME, type Pipelines } from './resolve-pipelines.ts'
import type { ExecutionContext, ProcessorResult } from './processor.ts'
import { NO_ENRICH, type EnrichLookup } from './enrich/enrich-lookup.ts'

export interface IngestDocumentInput {
  /** Null for an update's upsert IndexRequest (UpdateRequest builds it without an index). */
  index: string | null
  /** Null when the id will be generated after the pipelines. */
  id: string | null
  routing: string | null
  /** The request's version, or null (shown as -3, Versions.MATCH_ANY). */
  version: number | null
  source: XContentObject
}

/** IngestService.PipelineSlot: a pipeline id and whether it is the final pipeline. */
interface PipelineSlot {
  id: string
  isFinal: boolean
}

export type IngestResult =
  | {
      kind: 'indexed'
      index: string | null
      id: string | null
      routing: string | null
      source: XContentObject
      /** The source to index, as XContentBuilder writes the ingested map. */
      text: string
    }
  | { kind: 'dropped' }
  | { kind: 'failed'; error: EsException }

const TIMESTAMP = DateFormatter.forPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")

/** The `_ingest.timestamp` of a run at `now`, as XContent prints a ZonedDateTime in UTC. */
export function ingestTimestamp(now: number): string {
  return TIMESTAMP.format(now)
}

export function newIngestDocument(input: IngestDocumentInput, now: number): IngestDocument {
  const metadata: XContentObject = new Map([
    ['_index', input.index],
    ['_id', input.id],
    ['_routing', input.routing],
    ['_version', String(input.version ?? -3)],
  ])
  const doc = new IngestDocument(input.source, metadata, new Map([['timestamp', ingestTimestamp(now)]]))
  doc.indexHistory.push(input.index)
  return doc
}

/** The failure as ES renders and statuses it: IngestProcessorException unwrapped to its cause. */
export function unwrapFailure(error: unknown): EsException {
  if (error instanceof IngestFailure) return error.cause
  if (error instanceof EsException) return error
  throw error
}

export class IngestService {
  private readonly compiled = new Map<string, { source: string; pipeline: Pipeline }>()

  constructor(private readonly store: PipelineStore) {}

  /**
   * The stored pipeline, compiled against `enrich` (a compile failure, such as an enrich policy without an
   * enrich index, is thrown and not cached); undefined when there is none.
   */
  pipeline(id: string, enrich: EnrichLookup = NO_ENRICH): Pipeline | undefined {
    const config = this.store.get(id)
    if (config === undefined) return undefined
    const cached = this.compiled.get(id)
    if (cached?.source === config.source) return cached.pipeline
    const body = parseJson(config.source)
    const pipeline = Pipeline.create(
      id,
      body instanceof Map ? body : new Map<string, XContentValue>(),
      enrich,
    )
    this.compiled.set(id, { source: config.source, pipeline })
    return pipeline
  }

  context(results: ProcessorResult[] | null, enrich: EnrichLookup = NO_ENRICH): ExecutionContext {
    return { pipeline: (id) => this.pipeline(id, enrich), results, enrich }
  }

  /**
   * IngestService.executePipelines: the document runs through `pipelines` (the request's or default one, then
   * the final one). After each, a changed `_index` is checked and followed: a final pipeline may not change it,
   * an index already in the document's index history is a cycle, and otherwise the new index's pipelines
   * (`resolve`) replace the rest of the old index's: its default one only when a reroute moved the document
   * (a plain `_index` change runs just the new final pipeline), then its final one.
   */
  execute(
    pipelines: Pipelines,
    input: IngestDocumentInput,
    now: number,
    resolve: (index: string) => Pipelines,
    enrich: EnrichLookup = NO_ENRICH,
  ): IngestResult {
    const doc = newIngestDocument({ ...input, source: hashMapOrdered(input.source) }, now)
    const text = (key: string) => metadataText(doc, key)
    let slots = pipelineSlots(pipelines)
    let index = input.index
    try {
      for (let slot = slots.shift(); slot !== undefined; slot = slots.shift()) {
        doc.rerouted = false
        const pipeline = this.pipeline(slot.id, enrich)
        if (pipeline === undefined) {
          throw illegalArgumentException(`pipeline with id [${slot.id}] does not exist`)
        }
        if (pipeline.execute(doc, this.context(null, enrich)) === null) return { kind: 'dropped' }
        const newIndex = text('_index')
        if (newIndex === index) continue
        if (slot.isFinal) {
          throw illegalStateException(
            `final pipeline [${slot.id}] can't change the target index (from [${index}] to [${newIndex}]) ` +
              `for document [${text('_id')}]`,
          )
        }
        if (doc.indexHistory.includes(newIndex)) {
          const cycle = [...doc.indexHistory, newIndex].map(String).join(', ')
          throw illegalStateException(
            `index cycle detected while processing pipeline [${slot.id}] for document [${text('_id')}]: [${cycle}]`,
          )
        }
        doc.indexHistory.push(newIndex)
        const resolved = newIndex === null ? NO_PIPELINES_DEFINED : resolve(newIndex)
        slots = pipelineSlots({
          defaultPipeline: doc.rerouted ? resolved.defaultPipeline : NOOP_PIPELINE_NAME,
          finalPipeline: resolved.finalPipeline,
        })
        index = newIndex
      }
    } catch (error) {
      return { kind: 'failed', error: unwrapFailure(error) }
    }
    const source = hashMapOrdered(doc.source)
    return {
      kind: 'indexed',
      index: index ?? input.index,
      id: text('_id'),
      routing: text('_routing'),
      source,
      text: toJson(sourceToJson(source)),
    }
  }
}

/** IngestService.PipelineIterator's slots: the default (or request) pipeline, then the final one. */
function pipelineSlots({ defaultPipeline, finalPipeline }: Pipelines): PipelineSlot[] {
  const slots: PipelineSlot[] = []
  if (defaultPipeline !== NOOP_PIPELINE_NAME) slots.push({ id: defaultPipeline, isFinal: false })
  if (finalPipeline !== NOOP_PIPELINE_NAME) slots.push({ id: finalPipeline, isFinal: true })
  return slots
}

/** A metadata field as the IndexRequest takes it back (updateIndexRequestMetadata): a string, or null. */
function metadataText(doc: IngestDocument, key: string): string | null {
  const value = doc.metadata.get(key)
  return value === undefined || value === null
    ? null
    : typeof value === 'string'
      ? value
      : toJson(sourceToJson(value))
}

/**
 * IngestService (ES 8): the pipelines of the cluster, compiled from the PipelineStore on first use (and
 * again when their stored JSON changes), and the execution a write applies.
 *
 * The write path (IndexRequest with `?pipeline=`, `index.default_pipeline`, `index.final_pipeline`; bulk
 * index and create items, and a bulk update item's upsert IndexRequest, which has no index, id or routing)
 * calls `execute` with the pipeline ids in the order ES runs them: the request's (or the default) pipeline,
 * then the final pipeline; `_none` is the caller's to leave out. One IngestDocument goes through all of them.
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
import { IngestFailure } from './ingest-exceptions.ts'
import { Pipeline } from './pipeline.ts'
import type { PipelineStore } from './pipeline-store.ts'
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
  return new IngestDocument(input.source, metadata, new Map([['timestamp', ingestTimestamp(now)]]))
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

  execute(
    pipelineIds: readonly string[],
    input: IngestDocumentInput,
    now: number,
    enrich: EnrichLookup = NO_ENRICH,
  ): IngestResult {
    const doc = newIngestDocument({ ...input, source: hashMapOrdered(input.source) }, now)
    try {
      for (const id of pipelineIds) {
        const pipeline = this.pipeline(id, enrich)
        if (pipeline === undefined) throw illegalArgumentException(`pipeline with id [${id}] does not exist`)
        if (pipeline.execute(doc, this.context(null, enrich)) === null) return { kind: 'dropped' }
      }
    } catch (error) {
      return { kind: 'failed', error: unwrapFailure(error) }
    }
    const text = (key: string) => {
      const value = doc.metadata.get(key)
      return value === undefined || value === null
        ? null
        : typeof value === 'string'
          ? value
          : toJson(sourceToJson(value))
    }
    const source = hashMapOrdered(doc.source)
    return {
      kind: 'indexed',
      index: text('_index') ?? input.index,
      id: text('_id'),
      routing: text('_routing'),
      source,
      text: toJson(sourceToJson(source)),
    }
  }
}

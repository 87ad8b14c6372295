/**
 * Pipeline (ES 8 Pipeline.create and IngestDocument.executePipeline).
 *
 * Parsing reads `description` (string), `version` (int), `_meta` (map), `deprecated` (boolean),
 * `processors` (required list) and `on_failure`; then any other key fails with `pipeline [id] doesn't
 * support one or more provided configuration parameters [a, b]`, and an empty pipeline on_failure with
 * `pipeline [id] cannot have an empty on_failure option defined`.
 *
 * Running: a pipeline without processors does nothing; one run inside 100 running ones fails (`Too many nested
 * pipelines. Cannot have more than 100 nested pipelines`, ES's default `es.ingest.max_pipelines`), and
 * a pipeline already running on the document is a cycle (`Cycle detected for pipeline: id`);
 * while it runs `_ingest.pipeline` names it and it is on top of the pipeline stack. A `terminate` ends only
 * this pipeline: the calling pipeline (and the final pipeline) go on.
 */
import type { XContentObject } from '../xcontent/index.ts'
import type { IngestDocument } from './ingest-document.ts'
import { graphStructureException } from './ingest-exceptions.ts'
import { elasticsearchParseException } from '../errors/index.ts'
import { runProcessors, type ExecutionContext, type ProcessorNode } from './processor.ts'
import { ProcessorConfig } from './processor-config.ts'
import { readProcessorConfigs } from './processor-reader.ts'
import { NO_ENRICH, type EnrichLookup } from './enrich/enrich-lookup.ts'

/** IngestDocument.MAX_PIPELINES: the pipelines that may run nested in one another (`es.ingest.max_pipelines`). */
const MAX_PIPELINES = 100

export class Pipeline {
  constructor(
    readonly id: string,
    readonly description: string | null,
    readonly version: number | null,
    readonly processors: readonly ProcessorNode[],
    readonly onFailure: readonly ProcessorNode[],
  ) {}

  /** `enrich` is what enrich processors resolve their policy against (Processor.Factory's cluster state). */
  static create(id: string, body: XContentObject, enrich: EnrichLookup = NO_ENRICH): Pipeline {
    const config = new ProcessorConfig({ type: null, tag: null }, body)
    const description = config.optionalString('description')
    const version = config.optionalInt('version')
    config.optionalMap('_meta')
    config.boolean('deprecated', false)
    const processors = readProcessorConfigs(config.list('processors'), enrich)
    const onFailureConfigs = config.optionalList('on_failure')
    const onFailure = readProcessorConfigs(onFailureConfigs ?? [], enrich)
    const leftover = config.leftover()
    if (leftover.length > 0) {
      throw elasticsearchParseException(
        `pipeline [${id}] doesn't support one or more provided configuration parameters [${leftover.join(', ')}]`,
      )
    }
    if (onFailureConfigs !== null && onFailure.length === 0) {
      throw elasticsearchParseException(`pipeline [${id}] cannot have an empty on_failure option defined`)
    }
    return new Pipeline(id, description, version, processors, onFailure)
  }

  /** IngestDocument.executePipeline: null when the document was dropped. */
  execute(doc: IngestDocument, context: ExecutionContext): IngestDocument | null {
    if (this.processors.length === 0) return doc
    if (doc.executedPipelines.size >= MAX_PIPELINES) {
      throw graphStructureException(
        `Too many nested pipelines. Cannot have more than ${MAX_PIPELINES} nested pipelines`,
      )
    }
    if (doc.executedPipelines.has(this.id)) {
      throw graphStructureException(`Cycle detected for pipeline: ${this.id}`)
    }
    doc.executedPipelines.add(this.id)
    const previous = doc.ingest.get('pipeline')
    doc.ingest.set('pipeline', this.id)
    doc.pipelineStack.unshift(this.id)
    try {
      return runProcessors(this.processors, this.onFailure, doc, context)
    } finally {
      doc.executedPipelines.delete(this.id)
      doc.terminated = false
      if (previous === undefined) doc.ingest.delete('pipeline')
      else doc.ingest.set('pipeline', previous)
      doc.pipelineStack.shift()
    }
  }
}

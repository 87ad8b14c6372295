/**
 * Processors and how a list of them runs, as ES 8's CompoundProcessor, OnFailureProcessor,
 * ConditionalProcessor and (for `?verbose` simulate) TrackingResultProcessor do it.
 *
 * A ProcessorNode is one entry of a `processors` list: the processor with its `tag`, `description`, `if`
 * condition, `ignore_failure` and processor-level `on_failure`. Running a list:
 * - a node whose `if` is false is skipped;
 * - a failure is wrapped with the failing processor's type and tag (kept if already wrapped, so a failure
 *   inside a called pipeline keeps the inner processor), and the pipeline origin when pipelines nest;
 * - `ignore_failure` goes on with the document as it is; otherwise the node's own `on_failure` runs, else the
 *   failure goes up to the enclosing list, whose `on_failure` (the pipeline's) runs, else the run fails;
 * - on_failure processors see `_ingest.on_failure_message` (the root cause's message),
 *   `on_failure_processor_type`, `on_failure_processor_tag` and, for a nested pipeline,
 *   `on_failure_pipeline`; the fields are removed when the on_failure list completes;
 * - a processor that returns null (drop) ends the run: the document is dropped;
 * - after a `terminate` processor (the document's `terminated` flag) the list's remaining processors are skipped
 *   (CompoundProcessor's isTerminate check); the pipeline clears the flag when it completes. After a `reroute`
 *   (the `rerouted` flag, CompoundProcessor's isReroute check) they are skipped too, and so are the calling
 *   pipelines' remaining processors: only the top-level loop clears that flag.
 * With `results` set, every processor run appends a ProcessorResult (a snapshot of the document after it).
 */
import { EsException } from '../errors/index.ts'
import type { XContentValue } from '../xcontent/index.ts'
import type { Condition } from './condition.ts'
import { IngestDocument } from './ingest-document.ts'
import { IngestFailure, rootCauseMessage } from './ingest-exceptions.ts'
import { deepCopy } from './java-values.ts'
import type { Pipeline } from './pipeline.ts'
import type { EnrichLookup } from './enrich/enrich-lookup.ts'

export interface ExecutionContext {
  /** A stored pipeline by id, for the pipeline processor. */
  pipeline(id: string): Pipeline | undefined
  /** Verbose simulate collects a result per processor run here. */
  readonly results: ProcessorResult[] | null
  /** The enrich indices and their documents, for the enrich processor. */
  readonly enrich: EnrichLookup
}

export interface Processor {
  readonly type: string
  /** The document (changed in place), or null to drop it. Throws an EsException or IngestFailure. */
  execute(doc: IngestDocument, context: ExecutionContext): IngestDocument | null
}

export interface ProcessorNode {
  readonly processor: Processor
  readonly tag: string | null
  readonly description: string | null
  readonly condition: Condition | null
  readonly ignoreFailure: boolean
  readonly onFailure: readonly ProcessorNode[]
}

export interface ProcessorResult {
  type: string
  tag: string | null
  description: string | null
  condition: { source: string; result: boolean } | null
  failure: EsException | null
  doc: IngestDocument | null
}

const FAILURE_FIELDS = [
  'on_failure_message',
  'on_failure_processor_type',
  'on_failure_processor_tag',
  'on_failure_pipeline',
]

/** IngestDocument's copy constructor: deep copies of the maps, and the pipelines it is inside. */
export function snapshot(doc: IngestDocument): IngestDocument {
  const copy = (map: Map<string, XContentValue>) => deepCopy(map) as Map<string, XContentValue>
  const result = new IngestDocument(copy(doc.source), copy(doc.metadata), copy(doc.ingest))
  for (const id of doc.executedPipelines) result.executedPipelines.add(id)
  result.pipelineStack.push(...doc.pipelineStack)
  return result
}

/** Runs a list with its on_failure list; null when a processor dropped the document. */
export function runProcessors(
  nodes: readonly ProcessorNode[],
  onFailure: readonly ProcessorNode[],
  doc: IngestDocument,
  context: ExecutionContext,
): IngestDocument | null {
  for (const node of nodes) {
    let result: IngestDocument | null
    try {
      result = runNode(node, doc, context)
    } catch (error) {
      const failure = wrapFailure(error, node, doc)
      if (onFailure.length === 0) throw failure
      return runOnFailure(onFailure, failure, doc, context)
    }
    if (result === null) return null
    if (doc.terminated || doc.rerouted) break
  }
  return doc
}

export function runNode(
  node: ProcessorNode,
  doc: IngestDocument,
  context: ExecutionContext,
): IngestDocument | null {
  let condition: ProcessorResult['condition'] = null
  if (node.condition !== null) {
    condition = {
      source: node.condition.source,
      result: node.condition.evaluate(doc, context.enrich.storedScript),
    }
    if (!condition.result) {
      record(context, node, condition, null, null)
      return doc
    }
  }
  try {
    return runTracked(node, doc, context, condition)
  } catch (error) {
    if (node.ignoreFailure) return doc
    if (node.onFailure.length === 0) throw error
    return runOnFailure(node.onFailure, wrapFailure(error, node, doc), doc, context)
  }
}

function runTracked(
  node: ProcessorNode,
  doc: IngestDocument,
  context: ExecutionContext,
  condition: ProcessorResult['condition'],
): IngestDocument | null {
  if (context.results === null) return node.processor.execute(doc, context)
  if (node.processor.type === 'pipeline') {
    // TrackingResultProcessor: a dry run finds cycles first; the call's own result has no document.
    try {
      node.processor.execute(snapshot(doc), { ...context, results: null })
    } catch (error) {
      const cause = error instanceof IngestFailure ? error.cause : error
      if (cause instanceof EsException && cause.type === 'graph_structure_exception') {
        record(context, node, condition, cause, null)
        throw error
      }
    }
    record(context, node, condition, null, null)
    return node.processor.execute(doc, context)
  }
  let result: IngestDocument | null
  try {
    result = node.processor.execute(doc, context)
  } catch (error) {
    const cause = error instanceof IngestFailure ? error.cause : error
    if (cause instanceof EsException) {
      record(context, node, condition, cause, node.ignoreFailure ? snapshot(doc) : null)
    }
    throw error
  }
  record(context, node, condition, null, result === null ? null : snapshot(result))
  return result
}

function record(
  context: ExecutionContext,
  node: ProcessorNode,
  condition: ProcessorResult['condition'],
  failure: EsException | null,
  doc: IngestDocument | null,
): void {
  context.results?.push({
    type: node.processor.type,
    tag: node.tag,
    description: node.description,
    condition,
    failure,
    doc,
  })
}

/** CompoundProcessor.newCompoundProcessorException. */
function wrapFailure(error: unknown, node: ProcessorNode, doc: IngestDocument): IngestFailure {
  if (error instanceof IngestFailure) return error
  if (!(error instanceof EsException)) throw error
  const origin = doc.pipelineStack.length > 1 ? (doc.pipelineStack[0] ?? null) : null
  return new IngestFailure(error, node.processor.type, node.tag, origin)
}

function runOnFailure(
  nodes: readonly ProcessorNode[],
  failure: IngestFailure,
  doc: IngestDocument,
  context: ExecutionContext,
): IngestDocument | null {
  doc.ingest.set('on_failure_message', rootCauseMessage(failure.cause))
  doc.ingest.set('on_failure_processor_type', failure.processorType)
  doc.ingest.set('on_failure_processor_tag', failure.processorTag)
  if (failure.pipelineOrigin !== null) doc.ingest.set('on_failure_pipeline', failure.pipelineOrigin)
  for (const node of nodes) {
    let result: IngestDocument | null
    try {
      result = runNode(node, doc, context)
    } catch (error) {
      throw wrapFailure(error, node, doc)
    }
    if (result === null) return null
  }
  for (const field of FAILURE_FIELDS) doc.ingest.delete(field)
  return doc
}

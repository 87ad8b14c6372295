/**
 * The exceptions the ingest node raises, as EsException data:
 * - ConfigurationUtils.newConfigurationException: ElasticsearchParseException (`parse_exception`, 400),
 *   reason `[property] reason` (or just the reason), with metadata `es.processor_type`,
 *   `es.processor_tag`, `es.property_name` printed without the `es.` prefix in the iteration order of
 *   the Java HashMap that holds them. The same metadata is added to an exception a factory throws.
 * - Runtime failures are plain Java exceptions (illegal_argument_exception 400, illegal_state_exception
 *   500) or ES ones (fail_processor_exception, graph_structure_exception). CompoundProcessor wraps them in
 *   IngestProcessorException, an ElasticsearchWrapperException, which ES unwraps whenever it renders or
 *   picks a status, so the wrapper itself never shows: IngestFailure keeps the cause and the wrapper's
 *   headers (processor type, tag, pipeline origin) for on_failure metadata.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'

export { illegalArgumentException }

export interface ProcessorRef {
  type: string | null
  tag: string | null
}

function configurationMetadata(ref: ProcessorRef, property: string | null): Array<[string, JsonOut]> {
  const values = new Map<string, string>()
  if (ref.type !== null) values.set('es.processor_type', ref.type)
  if (ref.tag !== null) values.set('es.processor_tag', ref.tag)
  if (property !== null) values.set('es.property_name', property)
  return javaStringKeyOrder([...values.keys()]).map((key) => [key.slice(3), values.get(key)!])
}

export function configurationException(
  ref: ProcessorRef,
  property: string | null,
  reason: string,
): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: property === null ? reason : `[${property}] ${reason}`,
    status: 400,
    metadata: configurationMetadata(ref, property),
  })
}

/**
 * newConfigurationException(type, tag, property, e): the factory's exception with processor metadata added (the
 * property an exception already names when none is given).
 */
export function withProcessorMetadata(
  error: EsException,
  ref: ProcessorRef,
  propertyName: string | null = null,
): EsException {
  const property = propertyName ?? error.metadata.find(([key]) => key === 'property_name')?.[1]
  const others = error.metadata.filter(
    ([key]) => !['processor_type', 'processor_tag', 'property_name'].includes(key),
  )
  return new EsException({
    type: error.type,
    reason: error.reason,
    status: error.status,
    metadata: [...others, ...configurationMetadata(ref, typeof property === 'string' ? property : null)],
    causedBy: error.causedBy,
    rootCause: error.rootCause,
  })
}

/** Throwable.addSuppressed, rendered as ES renders it: a `suppressed` array after the other fields. */
export function withSuppressed(error: EsException, suppressed: readonly JsonOut[]): EsException {
  return new EsException({
    type: error.type,
    reason: error.reason,
    status: error.status,
    metadata: [...error.metadata, ['suppressed', suppressed]],
    causedBy: error.causedBy,
    rootCause: error.rootCause,
  })
}

/**
 * ExceptionsHelper.convertToElastic, as ConfigurationUtils.readProcessor applies it to a factory's plain Java
 * exception: an ElasticsearchException (`exception`, 500) whose reason is the cause's toString
 * (`java.lang.IllegalArgumentException: ...`), caused by it.
 */
export function convertToElastic(javaClassName: string, cause: EsException): EsException {
  return new EsException({
    type: 'exception',
    reason: `${javaClassName}: ${cause.reason}`,
    status: 500,
    causedBy: cause,
  })
}

export function illegalStateException(reason: string): EsException {
  return new EsException({ type: 'illegal_state_exception', reason, status: 500, rootCause: false })
}

/** ClassCastException's text for two JDK classes (every class a JSON value is read as). */
export function classCastException(from: string, to: string): EsException {
  return new EsException({
    type: 'class_cast_exception',
    reason: `class ${from} cannot be cast to class ${to} (${from} and ${to} are in module java.base of loader 'bootstrap')`,
    status: 500,
    rootCause: false,
  })
}

/** A NullPointerException, rendered without a message. */
export function nullPointerException(): EsException {
  return new EsException({ type: 'null_pointer_exception', reason: '', status: 500, rootCause: false })
}

/** FailProcessorException, a RuntimeException: status 500. */
export function failProcessorException(message: string): EsException {
  return new EsException({ type: 'fail_processor_exception', reason: message, status: 500, rootCause: false })
}

/** GraphStructureException, IngestDocument.executePipeline's: a pipeline cycle, or too many nested pipelines. */
export function graphStructureException(reason: string): EsException {
  return new EsException({ type: 'graph_structure_exception', reason, status: 500 })
}

/** A processor's failure with the headers IngestProcessorException carries (newCompoundProcessorException). */
export class IngestFailure extends Error {
  override readonly name = 'IngestFailure'

  constructor(
    override readonly cause: EsException,
    readonly processorType: string | null,
    readonly processorTag: string | null,
    /** The innermost pipeline when the failure happened in a pipeline called by another one. */
    readonly pipelineOrigin: string | null,
  ) {
    super(cause.reason)
  }
}

/** Throwable.getRootCause().getMessage(): the deepest cause's reason. */
export function rootCauseMessage(error: EsException): string {
  let current = error
  while (current.causedBy !== undefined) current = current.causedBy
  return current.reason
}

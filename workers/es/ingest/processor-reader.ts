/**
 * ConfigurationUtils.readProcessorConfigs / readProcessor (ES 8): a `processors` list to ProcessorNodes.
 *
 * Each list element is a map of processor type to configuration (entries in HashMap order; a `script`
 * may be given as its source string). Per processor, in this order: `tag`, `description`, `if` (a string
 * or a script map), then the type must exist (`No processor type exists with name [x]`), `ignore_failure`,
 * `on_failure` (`[on_failure] processors list cannot be empty`), the factory, and finally the leftover
 * check `processor [x] doesn't support one or more provided configuration parameters [a]`. Errors from
 * the factory gain the processor type and tag. Failures of several processors are collected: the first is
 * thrown with the others as its `suppressed` list (ExceptionsHelper.useOrSuppress).
 */
import { elasticsearchParseException, EsException, exceptionFields } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { compileCondition, type Condition } from './condition.ts'
import { configurationException, withProcessorMetadata, withSuppressed } from './ingest-exceptions.ts'
import { javaClassName } from './java-values.ts'
import type { ProcessorNode } from './processor.ts'
import { ProcessorConfig } from './processor-config.ts'
import { PROCESSOR_FACTORIES } from './processors/registry.ts'
import type { EnrichLookup } from './enrich/enrich-lookup.ts'

export function readProcessorConfigs(
  configs: readonly XContentValue[],
  enrich: EnrichLookup,
): ProcessorNode[] {
  const nodes: ProcessorNode[] = []
  const errors: EsException[] = []
  for (const entry of configs) {
    const map = entry instanceof Map ? entry : new Map<string, XContentValue>()
    for (const type of javaStringKeyOrder([...map.keys()])) {
      try {
        nodes.push(readProcessor(type, map.get(type) ?? null, enrich))
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        errors.push(error)
      }
    }
  }
  const [first, ...rest] = errors
  if (first === undefined) return nodes
  throw rest.length === 0
    ? first
    : withSuppressed(
        first,
        rest.map((e) => exceptionFields(e)),
      )
}

export function readProcessor(type: string, value: XContentValue, enrich: EnrichLookup): ProcessorNode {
  let map: XContentObject
  if (value instanceof Map) map = value
  else if (typeof value === 'string' && type === 'script') map = new Map([['source', value]])
  else {
    throw configurationException(
      { type, tag: null },
      null,
      `property isn't a map, but of type [${javaClassName(value)}]`,
    )
  }
  const untyped = new ProcessorConfig({ type: null, tag: null }, map)
  const tag = untyped.optionalString('tag')
  const description = untyped.withRef({ type: null, tag }).optionalString('description')
  const conditionSource = untyped.take('if')
  const factory = PROCESSOR_FACTORIES.get(type)
  if (factory === undefined) {
    throw configurationException({ type, tag }, null, `No processor type exists with name [${type}]`)
  }
  const ignoreFailure = untyped.boolean('ignore_failure', false)
  const onFailureConfigs = untyped.optionalList('on_failure')
  const onFailure = readProcessorConfigs(onFailureConfigs ?? [], enrich)
  if (onFailureConfigs !== null && onFailure.length === 0) {
    throw configurationException({ type, tag }, 'on_failure', 'processors list cannot be empty')
  }
  const config = untyped.withRef({ type, tag })
  try {
    const processor = factory(config, enrich)
    const leftover = config.leftover()
    if (leftover.length > 0) {
      throw elasticsearchParseException(
        `processor [${type}] doesn't support one or more provided configuration parameters [${leftover.join(', ')}]`,
      )
    }
    const condition: Condition | null = conditionSource === null ? null : compileCondition(conditionSource)
    return { processor, tag, description, condition, ignoreFailure, onFailure }
  } catch (error) {
    if (error instanceof EsException) throw withProcessorMetadata(error, { type, tag })
    throw error
  }
}

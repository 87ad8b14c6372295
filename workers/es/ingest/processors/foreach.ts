/**
 * The `foreach` processor (ES 8.17 ForEachProcessor): runs one processor (`processor`, a map of exactly one
 * type to its configuration, read as any pipeline processor with its `if`, `ignore_failure` and `on_failure`)
 * once per element of the list or map at `field`, with the element in `_ingest._value` (and a map entry's key
 * in `_ingest._key`).
 * - a list: each element's `_ingest._value` after the run becomes the new list, set at `field` once every
 *   element ran; a dropped document ends the loop (and the pipeline);
 * - a map: the entries with a non-blank `_ingest._key` after the run (a key can be renamed or cleared) make a
 *   new HashMap set at `field`;
 * - `ignore_missing`: a missing or null field is left alone; otherwise null is `field [x] is null, cannot loop
 *   over its elements.` and any other type `field [x] of type [java.lang.String] cannot be cast to a list or map`.
 * A failure inside stops the loop, `_ingest._value` (and `_key`) restored, and fails as the foreach processor.
 */
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { withExpectedSize } from '../../action/source-map.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { javaClassName } from '../java-values.ts'
import { runNode, type ExecutionContext, type Processor, type ProcessorNode } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { readProcessor } from '../processor-reader.ts'
import type { EnrichLookup } from '../enrich/enrich-lookup.ts'

export function createForEach(config: ProcessorConfig, enrich: EnrichLookup): Processor {
  const field = config.string('field')
  const ignoreMissing = config.boolean('ignore_missing', false)
  const processorConfig = config.optionalMap('processor')
  if (processorConfig === null) throw config.error('processor', 'required property is missing')
  const entries = [...processorConfig]
  if (entries.length !== 1) throw config.error('processor', 'Must specify exactly one processor type')
  const [type, value] = entries[0]!
  const inner = readProcessor(type, value, enrich)
  return {
    type: 'foreach',
    execute(doc: IngestDocument, context: ExecutionContext) {
      const target = doc.getFieldValue(field, ignoreMissing) ?? null
      if (target === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot loop over its elements.`)
      }
      if (Array.isArray(target)) return iterateList(doc, field, target, inner, context)
      if (target instanceof Map) return iterateMap(doc, field, target, inner, context)
      throw illegalArgumentException(
        `field [${field}] of type [${javaClassName(target)}] cannot be cast to a list or map`,
      )
    },
  }
}

/** ingestMetadata.put(key, value): the previous value (null when none). */
function putIngest(doc: IngestDocument, key: string, value: XContentValue): XContentValue {
  const previous = doc.ingest.get(key) ?? null
  doc.ingest.set(key, value)
  return previous
}

function iterateList(
  doc: IngestDocument,
  field: string,
  values: readonly XContentValue[],
  inner: ProcessorNode,
  context: ExecutionContext,
): IngestDocument | null {
  const newValues: XContentValue[] = []
  for (const value of [...values]) {
    const previous = putIngest(doc, '_value', value)
    try {
      if (runNode(inner, doc, context) === null) return null
    } finally {
      newValues.push(putIngest(doc, '_value', previous))
    }
  }
  doc.setFieldValue(field, newValues)
  return doc
}

function iterateMap(
  doc: IngestDocument,
  field: string,
  map: XContentObject,
  inner: ProcessorNode,
  context: ExecutionContext,
): IngestDocument | null {
  const newValues: XContentObject = new Map()
  for (const [key, value] of [...map]) {
    const previousKey = putIngest(doc, '_key', key)
    const previousValue = putIngest(doc, '_value', value)
    try {
      if (runNode(inner, doc, context) === null) return null
    } finally {
      const newKey = doc.ingest.get('_key')
      if (typeof newKey === 'string' && newKey.trim() !== '') {
        newValues.set(newKey, putIngest(doc, '_value', previousValue))
      }
      putIngest(doc, '_key', previousKey)
    }
  }
  doc.setFieldValue(field, withExpectedSize(newValues))
  return doc
}

/**
 * The `reroute` processor (RerouteProcessor and its Factory, ES 8.17): sends the document to another index or
 * data stream and ends the run of every pipeline it is in (IngestDocument.reroute: the top-level loop then runs
 * the new target's default and final pipelines, ingest-service.ts).
 *
 * Options: `destination` (a static target, not with `dataset` or `namespace`: `[destination] can only be set
 * if dataset and namespace are not set`), else `dataset` and `namespace`, each a string or a list
 * (readOptionalListOrString) of static values and field references, tried in order. A field reference is the
 * whole value in two or three braces (`{{service.name}}`, `{{{service.name}}}`); anything else holding `{{` or
 * `}}` is `'x' is not a valid field reference`; a static value must already be sanitized (`'x' contains
 * disallowed characters`). Defaults: `{{data_stream.dataset}}` and `{{data_stream.namespace}}`.
 *
 * Running without a destination: `_index` must be `<type>-<dataset>-<namespace>` (split at its first two
 * dashes, `invalid data stream name: [x]; must follow naming scheme <type>-<dataset>-<namespace>`); each part
 * is the first reference that resolves to a string (sanitized: lower-cased, cut to 100 characters, and
 * `\ / * ? " < > | space , # :` and, in a dataset, `-` replaced by `_`), or the current index's part. A
 * referenced value that is not a string fails with IngestDocument's cast error. A reference reads the field's
 * path, or else a top-level key with dots in its name (RerouteProcessorTests' dotted field names). The
 * processor then sets `data_stream.type`, `data_stream.dataset`, `data_stream.namespace`, and
 * `event.dataset` when the document has it (as a path, or as a dotted top-level key).
 */
import type { XContentValue } from '../../xcontent/index.ts'
import { EsException } from '../../errors/index.ts'
import { castError, type IngestDocument } from '../ingest-document.ts'
import {
  classCastException,
  convertToElastic,
  illegalArgumentException,
  nullPointerException,
} from '../ingest-exceptions.ts'
import { javaClassName } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const MAX_LENGTH = 100
const EVENT_DATASET = 'event.dataset'
const DISALLOWED_IN_DATASET = /[\\/*?"<>| ,#:-]/g
const DISALLOWED_IN_NAMESPACE = /[\\/*?"<>| ,#:]/g

type Sanitizer = (value: string) => string

function sanitizer(disallowed: RegExp): Sanitizer {
  return (value) => value.toLowerCase().slice(0, MAX_LENGTH).replace(disallowed, '_')
}

const sanitizeDataset = sanitizer(DISALLOWED_IN_DATASET)
const sanitizeNamespace = sanitizer(DISALLOWED_IN_NAMESPACE)

/** RerouteProcessor.DataStreamValueSource: a static value or a field reference. */
interface DataStreamValueSource {
  resolve(doc: IngestDocument): string | null
}

function valueSource(value: string, sanitize: Sanitizer): DataStreamValueSource {
  if (!value.includes('{{') && !value.includes('}}')) {
    if (sanitize(value) !== value) throw illegalArgumentException(`'${value}' contains disallowed characters`)
    return { resolve: () => value }
  }
  const invalid = () => illegalArgumentException(`'${value}' is not a valid field reference`)
  if (!value.startsWith('{{') || !value.endsWith('}}')) throw invalid()
  let field = value.slice(2, -2)
  if (field.startsWith('{') && field.endsWith('}')) field = field.slice(1, -1)
  if (field.includes('{') || field.includes('}')) throw invalid()
  return {
    resolve(doc) {
      const found = fieldValue(doc, field)
      if (found === null) return null
      return typeof found === 'string' ? sanitize(found) : castError(field, found, 'java.lang.String')
    },
  }
}

/** The value at `path`, else at the top-level key named `path` (a dotted field name); null when neither. */
function fieldValue(doc: IngestDocument, path: string): XContentValue {
  return doc.getFieldValue(path, true) ?? doc.ctx.get(path) ?? null
}

function readValueSources(
  config: ProcessorConfig,
  name: 'dataset' | 'namespace',
  sanitize: Sanitizer,
): DataStreamValueSource[] {
  return config.optionalListOrString(name).map((value) => {
    // A non-string element reaches DataStreamValueSource's String parameter: a ClassCastException.
    if (typeof value !== 'string') {
      throw convertToElastic(
        'java.lang.ClassCastException',
        classCastException(value === null ? 'null' : javaClassName(value), 'java.lang.String'),
      )
    }
    try {
      return valueSource(value, sanitize)
    } catch (error) {
      if (error instanceof EsException) throw config.error(name, error.reason)
      throw error
    }
  })
}

const DEFAULT_DATASET = valueSource('{{data_stream.dataset}}', sanitizeDataset)
const DEFAULT_NAMESPACE = valueSource('{{data_stream.namespace}}', sanitizeNamespace)

function namingSchemeError(index: string) {
  return illegalArgumentException(
    `invalid data stream name: [${index}]; must follow naming scheme <type>-<dataset>-<namespace>`,
  )
}

function determine(doc: IngestDocument, sources: readonly DataStreamValueSource[], fallback: string): string {
  for (const source of sources) {
    const value = source.resolve(doc)
    if (value !== null) return value
  }
  return fallback
}

export function createReroute(config: ProcessorConfig): Processor {
  const dataset = readValueSources(config, 'dataset', sanitizeDataset)
  const namespace = readValueSources(config, 'namespace', sanitizeNamespace)
  const destination = config.optionalString('destination')
  if (destination !== null && (dataset.length > 0 || namespace.length > 0)) {
    throw config.error('destination', 'can only be set if dataset and namespace are not set')
  }
  const datasets = dataset.length > 0 ? dataset : [DEFAULT_DATASET]
  const namespaces = namespace.length > 0 ? namespace : [DEFAULT_NAMESPACE]
  return {
    type: 'reroute',
    execute(doc: IngestDocument) {
      if (destination !== null) {
        doc.reroute(destination)
        return doc
      }
      const index = doc.getStringFieldValue('_index')
      if (index === null) throw nullPointerException()
      const first = index.indexOf('-')
      if (first < 0) throw namingSchemeError(index)
      const second = index.indexOf('-', first + 1)
      if (second < 0) throw namingSchemeError(index)
      const type = index.slice(0, first)
      const newDataset = determine(doc, datasets, index.slice(first + 1, second))
      const newNamespace = determine(doc, namespaces, index.slice(second + 1))
      doc.reroute(`${type}-${newDataset}-${newNamespace}`)
      doc.setFieldValue('data_stream.type', type)
      doc.setFieldValue('data_stream.dataset', newDataset)
      doc.setFieldValue('data_stream.namespace', newNamespace)
      // ECS: event.dataset, where the document has it, agrees with data_stream.dataset.
      if (doc.hasField(EVENT_DATASET)) doc.setFieldValue(EVENT_DATASET, newDataset)
      else if (doc.ctx.has(EVENT_DATASET)) doc.ctx.set(EVENT_DATASET, newDataset)
      return doc
    },
  }
}

/**
 * The `set` and `append` processors. `set` (SetProcessor, ES 8) (SetProcessor, ES 8): `field` (a template), `value` (templates inside strings, maps
 * and lists) or `copy_from` (a deep copy of another field; not both: `[copy_from] cannot set both
 * `copy_from` and `value` in the same processor`), `override` (default true: when false an existing
 * non-null value is kept), `ignore_empty_value` (null or '' values are not set) and `media_type`.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { deepCopy } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { valueSource, type MediaType, type Template, type ValueSource } from '../template.ts'

const MEDIA_TYPES: readonly MediaType[] = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
]

/** ConfigurationUtils.readMediaTypeProperty. */
export function readMediaType(config: ProcessorConfig): MediaType {
  const value = config.optionalString('media_type') ?? 'application/json'
  const mediaType = MEDIA_TYPES.find((type) => type === value)
  if (mediaType === undefined) {
    throw config.error('media_type', `property does not contain a supported media type [${value}]`)
  }
  return mediaType
}

function isEmptyValue(value: XContentValue | undefined): boolean {
  return value === undefined || value === null || value === ''
}

export function createSet(config: ProcessorConfig): Processor {
  const fieldText = config.string('field')
  const copyFrom = config.optionalString('copy_from')
  const mediaType = readMediaType(config)
  let value: ValueSource | null = null
  if (copyFrom === null) value = valueSource(config.required('value'), mediaType)
  else if (config.take('value') !== null) {
    throw config.error('copy_from', 'cannot set both `copy_from` and `value` in the same processor')
  }
  const override = config.boolean('override', true)
  const field: Template = config.compile('field', fieldText)
  const ignoreEmptyValue = config.boolean('ignore_empty_value', false)
  return {
    type: 'set',
    execute(doc: IngestDocument) {
      const path = field.render(doc)
      if (override || !doc.hasField(path) || doc.getFieldValue(path) === null) {
        const next =
          copyFrom === null ? value!(doc) : deepCopy(doc.getFieldValue(copyFrom, ignoreEmptyValue) ?? null)
        if (!(ignoreEmptyValue && isEmptyValue(next))) doc.setFieldValue(field.render(doc), next)
      }
      return doc
    },
  }
}

/** The `append` processor: `field` (template), `value` (required), `allow_duplicates` (default true). */
export function createAppend(config: ProcessorConfig): Processor {
  const field = config.template('field')
  const rawValue = config.required('value')
  const value = valueSource(rawValue, readMediaType(config))
  const allowDuplicates = config.boolean('allow_duplicates', true)
  return {
    type: 'append',
    execute(doc: IngestDocument) {
      doc.appendFieldValue(field.render(doc), value(doc), allowDuplicates)
      return doc
    },
  }
}

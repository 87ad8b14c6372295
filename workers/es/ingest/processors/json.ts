/**
 * The `json` processor (JsonProcessor, ES 8): `field` holds JSON text, parsed into `target_field` (default:
 * the field itself), or with `add_to_root` merged into the top of the document (`add_to_root_conflict_strategy`
 * `replace`, the default, or `merge`). `add_to_root` with `target_field` is refused (`[target_field] Cannot
 * set a target field while also setting `add_to_root` to true`); a non-object with `add_to_root` fails with
 * `cannot add non-map fields to root of document`. A Jackson failure becomes an IllegalArgumentException
 * whose message is the Jackson exception's toString, caused by it. `allow_duplicate_keys` keeps a repeated key's
 * last value (else Jackson's `Duplicate field` failure); `strict_json_parsing` (the default) fails a value followed
 * by another token (`The input 123 "foo" is not valid JSON and the strict_json_parsing parameter is true`),
 * where lenient parsing keeps the first value. `add_to_root_conflict_strategy` needs `add_to_root`.
 */
import { jacksonException } from '../../errors/index.ts'
import {
  ExtraDataError,
  JsonParseError,
  parseJson,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const JACKSON_PACKAGES: Record<string, string> = {
  JsonEOFException: 'com.fasterxml.jackson.core.io.',
  MismatchedInputException: 'com.fasterxml.jackson.databind.exc.',
}

interface ParseOptions {
  allowDuplicateKeys: boolean
  strictJsonParsing: boolean
}

/** JsonProcessor.apply: the first value of `text`, and with strict parsing nothing after it. */
function parse(text: string, options: ParseOptions): XContentValue {
  const duplicateKeys = options.allowDuplicateKeys ? 'lastWins' : 'reject'
  try {
    const value = parseJson(text, { trailing: 'ignore', duplicateKeys })
    if (options.strictJsonParsing) parseJson(text, { trailing: 'reject', duplicateKeys })
    return value
  } catch (error) {
    if (error instanceof ExtraDataError) {
      throw illegalArgumentException(
        `The input ${text} is not valid JSON and the ${STRICT_JSON_PARSING} parameter is true`,
      )
    }
    if (!(error instanceof JsonParseError)) throw error
    const javaName = (JACKSON_PACKAGES[error.exception] ?? 'com.fasterxml.jackson.core.') + error.exception
    throw illegalArgumentException(`${javaName}: ${error.message}`, jacksonException(error))
  }
}

const STRICT_JSON_PARSING = 'strict_json_parsing'

function merge(target: XContentObject, source: XContentObject): void {
  for (const [key, value] of source) {
    const existing = target.get(key)
    if (existing instanceof Map && value instanceof Map) merge(existing, value)
    else target.set(key, value)
  }
}

export function createJson(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const target = config.optionalString('target_field')
  const addToRoot = config.boolean('add_to_root', false)
  const allowDuplicateKeys = config.boolean('allow_duplicate_keys', false)
  const conflictStrategy = config.optionalString('add_to_root_conflict_strategy')
  const strategy = conflictStrategy ?? 'replace'
  if (strategy !== 'replace' && strategy !== 'merge') {
    throw config.error('add_to_root_conflict_strategy', `conflict strategy [${strategy}] not supported`)
  }
  if (addToRoot && target !== null) {
    throw config.error('target_field', 'Cannot set a target field while also setting `add_to_root` to true')
  }
  if (!addToRoot && conflictStrategy !== null) {
    throw config.error(
      'add_to_root_conflict_strategy',
      'Cannot set `add_to_root_conflict_strategy` if `add_to_root` is false',
    )
  }
  const options = { allowDuplicateKeys, strictJsonParsing: config.boolean(STRICT_JSON_PARSING, true) }
  const targetField = target ?? field
  return {
    type: 'json',
    execute(doc: IngestDocument) {
      const value = doc.getFieldValue(field) ?? null
      const parsed = parse(javaToString(value), options)
      if (!addToRoot) doc.setFieldValue(targetField, parsed)
      else if (!(parsed instanceof Map))
        throw illegalArgumentException('cannot add non-map fields to root of document')
      else if (strategy === 'merge') merge(doc.source, parsed)
      else for (const [key, v] of parsed) doc.ctx.set(key, v)
      return doc
    },
  }
}

/**
 * The `dissect` processor (DissectProcessor, ES 8): `field` (a plain field name, not a template), `pattern`
 * (a dissect pattern, parsed when the pipeline is made), `append_separator` (default ''), `ignore_missing`.
 * A bad pattern fails the pipeline with ES's wrapped DissectException (`exception`, 500, caused by
 * `pattern_parse` / `key_parse`). Running: the field must be a string (IngestDocument's cast error
 * otherwise); a missing or null field is skipped with ignore_missing, else fails (`field [x] not present
 * as part of path [x]` / `field [x] is null, cannot process it.`); an input the pattern does not match fails
 * with `find_match`; each result is set as a string field, in the order of ES's result map.
 */
import { EsException } from '../../errors/index.ts'
import { DissectParser } from '../dissect/dissect-parser.ts'
import { dissectJavaClassName } from '../dissect/dissect-exception.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { convertToElastic, illegalArgumentException } from '../ingest-exceptions.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

function compile(pattern: string, appendSeparator: string): DissectParser {
  try {
    return new DissectParser(pattern, appendSeparator)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw convertToElastic(dissectJavaClassName(error), error)
  }
}

export function createDissect(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const pattern = config.string('pattern')
  const appendSeparator = config.optionalString('append_separator') ?? ''
  const ignoreMissing = config.boolean('ignore_missing', false)
  const parser = compile(pattern, appendSeparator)
  return {
    type: 'dissect',
    execute(doc: IngestDocument) {
      const input = doc.getStringFieldValue(field, ignoreMissing)
      if (input === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot process it.`)
      }
      for (const [name, value] of parser.forceParse(input)) doc.setFieldValue(name, value)
      return doc
    },
  }
}

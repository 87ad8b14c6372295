/**
 * `split` (`field`, `separator`: a Java regex, `target_field`, `ignore_missing`, `preserve_trailing`:
 * String.split with limit -1 instead of 0) and `join` (`field`: a list, `separator`, `target_field`;
 * elements joined by Object.toString). Errors: `field [x] is null, cannot split.`, `field [x] is null,
 * cannot join.`, and IngestDocument's cast errors (`cannot be cast to [java.lang.String]` / `[java.util.List]`).
 */
import type { IngestDocument } from '../ingest-document.ts'
import { castError } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { patternSplit } from '../../../net/java-pattern-split.ts'
import { safeJavaPattern } from '../java-regex.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

export function createSplit(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const ignoreMissing = config.boolean('ignore_missing', false)
  const targetField = config.optionalString('target_field') ?? field
  const preserveTrailing = config.boolean('preserve_trailing', false)
  const separator = config.string('separator')
  const pattern = safeJavaPattern(separator)
  return {
    type: 'split',
    execute(doc: IngestDocument) {
      const value = doc.getStringFieldValue(field, ignoreMissing)
      if (value === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot split.`)
      }
      doc.setFieldValue(targetField, patternSplit(value, pattern, preserveTrailing ? -1 : 0))
      return doc
    },
  }
}

export function createJoin(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const separator = config.string('separator')
  const targetField = config.optionalString('target_field') ?? field
  return {
    type: 'join',
    execute(doc: IngestDocument) {
      const value = doc.getFieldValue(field) ?? null
      if (value === null) throw illegalArgumentException(`field [${field}] is null, cannot join.`)
      if (!Array.isArray(value)) return castError(field, value, 'java.util.List')
      doc.setFieldValue(targetField, value.map((item) => javaToString(item)).join(separator))
      return doc
    },
  }
}

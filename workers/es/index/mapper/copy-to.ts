/**
 * `copy_to` (FieldMapper.CopyTo): a field's values are also indexed into other fields, by their full dotted
 * paths. The mapping keeps the targets as a list (a single name given as a string becomes a list of one, as
 * TypeParsers.parseCopyFields reads it, and GET _mapping prints a list). The document parser does the copying
 * (document-parser.ts: each value of the field is parsed again as a value of each target, with the target's own
 * mapping and analyzer, a missing target created by the dynamic rules); `_source` is never changed.
 *
 * A mapping is refused (FieldMapper.validate, at index creation and PUT _mapping, illegal_argument_exception,
 * not wrapped) when a multi-field has a `copy_to` (`[copy_to] may not be used to copy from a multi-field: [x]`),
 * or a target is an object or nested field (`Cannot copy to field [x] since it is mapped as an object`) or a
 * multi-field (`[copy_to] may not be used to copy to a multi-field: [x]`); the fields are checked in mapping order.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { hasProperties, type FieldMapping, type Mapping } from './mapping.ts'
import { javaToString } from './mapping-parser.ts'

/** TypeParsers.parseCopyFields: a list's entries, or the one value, as text. */
export function copyToFields(value: XContentValue): string[] {
  return Array.isArray(value) ? value.map(javaToString) : [javaToString(value)]
}

/** FieldMapper.validate's copy_to checks over every field of the mapping. */
export function validateCopyTo(mapping: Mapping): void {
  const objects = new Set<string>()
  const multiFields = new Set<string>()
  /** Each copying field in mapping order: a multi-field (refused as a source) or a field's targets. */
  const copies: Array<{ fromMultiField: string } | { targets: readonly string[] }> = []
  const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
    for (const [name, field] of Object.entries(properties)) {
      const path = prefix + name
      if (hasProperties(field)) objects.add(path)
      if (field.copy_to !== undefined && field.copy_to.length > 0) copies.push({ targets: field.copy_to })
      for (const [sub, multiField] of Object.entries(field.fields ?? {})) {
        multiFields.add(`${path}.${sub}`)
        if (multiField.copy_to !== undefined && multiField.copy_to.length > 0)
          copies.push({ fromMultiField: `${path}.${sub}` })
      }
      walk(field.properties ?? {}, `${path}.`)
    }
  }
  walk(mapping.properties, '')
  for (const copy of copies) {
    if ('fromMultiField' in copy)
      throw illegalArgumentException(
        `[copy_to] may not be used to copy from a multi-field: [${copy.fromMultiField}]`,
      )
    for (const target of copy.targets) {
      if (multiFields.has(target))
        throw illegalArgumentException(`[copy_to] may not be used to copy to a multi-field: [${target}]`)
      if (objects.has(target))
        throw illegalArgumentException(`Cannot copy to field [${target}] since it is mapped as an object`)
    }
  }
}

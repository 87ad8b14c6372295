/**
 * DocumentParserContext.addDynamicMapper's limit checks: each new field (a mapper, or a runtime field under
 * `dynamic: runtime`) a document adds is counted against index.mapping.total_fields.limit with the fields added
 * before it (an object counts 1 when it is added, its children as they come; a text field with its keyword
 * multi-field 2). Past the limit the document fails with document_parsing_exception "failed to parse: Limit of
 * total fields [N] has been exceeded while adding new fields [k]" (caused by the illegal_argument_exception), or,
 * under index.mapping.total_fields.ignore_dynamic_beyond_limit, the field is not added (the caller lists it in
 * `_ignored`). A new object deeper than index.mapping.depth.limit fails the document first, whatever that setting.
 */
import type { TokenPart } from './document-failure.ts'
import { failedToParse } from './document-parsing-failures.ts'
import { hasProperties, type FieldMapping, type Mapping } from './mapping.ts'
import {
  fieldTotalCount,
  objectDepthLimitExceeded,
  totalFieldsCount,
  totalFieldsLimitExceeded,
  type MappingLimits,
} from './mapping-limits.ts'

export class DynamicFieldsBudget {
  /** The mapping's own count, computed when the first new field comes (most documents add none). */
  private mapped: number | null = null
  /** DocumentParserContext.getNewFieldsSize: the fields this document added so far. */
  private added = 0

  constructor(
    private readonly mapping: Mapping,
    private readonly limits: MappingLimits,
  ) {}

  /**
   * Whether the new field at `path` (a mapper, or 1 for a runtime field) may be added; throws the document's
   * failure at its value's token `part` when it may not and the index does not ignore fields beyond the limit.
   */
  admits(path: string, field: FieldMapping | 1, part: TokenPart): boolean {
    if (field !== 1 && hasProperties(field)) {
      const tooDeep = objectDepthLimitExceeded(this.limits.depth, path)
      if (tooDeep) throw failedToParse(part, tooDeep)
    }
    const adding = this.added + (field === 1 ? 1 : fieldTotalCount(field))
    this.mapped ??= totalFieldsCount(this.mapping)
    if (this.limits.totalFields - this.mapped < adding) {
      if (this.limits.ignoreDynamicBeyondLimit) return false
      throw failedToParse(part, totalFieldsLimitExceeded(this.limits.totalFields, adding))
    }
    this.added = adding
    return true
  }
}

/**
 * What a search (or a top_hits aggregation) asks each hit to carry besides `_source`, as SearchSourceBuilder reads
 * it: `version` and `seq_no_primary_term` (booleans), `stored_fields`, `docvalue_fields` and `fields`
 * (field-and-format.ts), and the URI's `version`, `seq_no_primary_term`, `stored_fields` (replacing the body's) and
 * `docvalue_fields` (added to the body's), and `script_fields` (script-fields-phase.ts). Then which `_source` the
 * hits carry, as FetchContext decides it: none with
 * `stored_fields: _none_`; with a `stored_fields` list, only when `_source` is asked for (explicitly, or named in the
 * list); else the request's own `_source` option, by default all of it unless there are script_fields (FetchPhase's
 * stored-fields loader then leaves the source out). A key of the wrong token type is not read
 * here, so the caller answers it as an unknown key, as SearchSourceBuilder does.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import type { FetchSourceContext } from '../../action/fetch-source.ts'
import {
  commaList,
  parseFieldAndFormatList,
  parseStoredFields,
  storedFieldsFromList,
  type FieldAndFormat,
  type StoredFieldsContext,
} from './field-and-format.ts'
import { parseScriptFields, type ScriptFieldSpec } from './script-fields-phase.ts'

export interface FetchOptions {
  /** `version`: hits carry `_version`. */
  readonly version: boolean
  /** `seq_no_primary_term`: hits carry `_seq_no` and `_primary_term`. */
  readonly seqNoPrimaryTerm: boolean
  /** `stored_fields`, or null when not given. */
  readonly storedFields: StoredFieldsContext | null
  /** The `fields` option, or null when not given. */
  readonly fields: readonly FieldAndFormat[] | null
  readonly docValueFields: readonly FieldAndFormat[]
  /** `script_fields` (script-fields-phase.ts). */
  readonly scriptFields: readonly ScriptFieldSpec[]
}

export class FetchOptionsReader {
  private version = false
  private seqNoPrimaryTerm = false
  private storedFields: StoredFieldsContext | null = null
  private fields: FieldAndFormat[] | null = null
  private docValueFields: FieldAndFormat[] = []
  private scriptFields: ScriptFieldSpec[] = []

  /** Reads a body key that is one of these options; false for any other key or a token it does not take. */
  read(key: string, value: XContentValue): boolean {
    const isValue = !(value instanceof Map) && !Array.isArray(value)
    if ((key === 'version' || key === 'seq_no_primary_term') && isValue) {
      const flag = typeof value === 'boolean' ? value : parseBoolean(String(value))
      if (key === 'version') this.version = flag
      else this.seqNoPrimaryTerm = flag
      return true
    }
    if (key === 'stored_fields' && (typeof value === 'string' || Array.isArray(value))) {
      this.storedFields = parseStoredFields(value)
      return true
    }
    if (key === 'docvalue_fields' && Array.isArray(value)) {
      this.docValueFields = parseFieldAndFormatList(value)
      return true
    }
    if (key === 'script_fields' && value instanceof Map) {
      this.scriptFields = parseScriptFields(value)
      return true
    }
    if (key === 'fields' && Array.isArray(value)) {
      this.fields = parseFieldAndFormatList(value)
      return true
    }
    return false
  }

  /** RestSearchAction.parseSearchSource's parameters, read after the body. */
  readParams(params: ReadonlyMap<string, string>): void {
    const version = params.get('version')
    if (version !== undefined) this.version = version === '' || parseBoolean(version)
    const seqNo = params.get('seq_no_primary_term')
    if (seqNo !== undefined) this.seqNoPrimaryTerm = seqNo === '' || parseBoolean(seqNo)
    const stored = params.get('stored_fields')
    if (stored !== undefined) this.storedFields = storedFieldsFromList(commaList(stored))
    const docValues = params.get('docvalue_fields')
    if (docValues !== undefined && docValues.trim() !== '') {
      for (const field of commaList(docValues)) {
        this.docValueFields.push({ field, format: null, includeUnmapped: false })
      }
    }
  }

  /** SearchSourceBuilder.validate's checks of these options against the `_source` asked for. */
  validationErrors(source: FetchSourceContext | null): string[] {
    if (this.storedFields === null || this.storedFields.fetchFields) return []
    const errors: string[] = []
    if (source?.fetchSource) errors.push('[stored_fields] cannot be disabled if [_source] is requested')
    if (this.fields !== null) errors.push('[stored_fields] cannot be disabled when using the [fields] option')
    return errors
  }

  build(): FetchOptions {
    return {
      version: this.version,
      seqNoPrimaryTerm: this.seqNoPrimaryTerm,
      storedFields: this.storedFields,
      fields: this.fields,
      docValueFields: this.docValueFields,
      scriptFields: this.scriptFields,
    }
  }
}

const NO_SOURCE: FetchSourceContext = { fetchSource: false, includes: [], excludes: [] }

/** FetchContext.buildFetchSourceContext: the `_source` hits carry, given the explicit option (null if none). */
export function hitSource(
  explicit: FetchSourceContext | null,
  storedFields: StoredFieldsContext | null,
  scriptFields = false,
): FetchSourceContext | null {
  if (storedFields === null) return explicit ?? (scriptFields ? NO_SOURCE : null)
  if (!storedFields.fetchFields) return NO_SOURCE
  if (storedFields.fieldNames.includes('_source')) {
    return explicit === null ? null : { ...explicit, fetchSource: true }
  }
  return explicit ?? NO_SOURCE
}

/** Whether hits carry `_id` and the metadata fields (`_routing`): not with `stored_fields: _none_`. */
export function fetchesMetadata(options: FetchOptions): boolean {
  return options.storedFields?.fetchFields !== false
}

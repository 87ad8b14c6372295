/**
 * How a percolator field's query is checked as a document is indexed (PercolatorFieldMapper.parse with the context
 * configureContext makes): parsed as parseTopLevelQuery parses it, some queries refused by name (percolator-field.ts),
 * and built against the index's mapping as it stands, where a field the mapping lacks is refused as
 * SearchExecutionContext.failIfFieldMappingNotFound refuses it (allowUnmappedFields false), or, under
 * `index.percolator.map_unmapped_fields_as_text`, taken as a text field with the index's default analyzer. A
 * percolate query builds the stored queries in the same context (percolatorQueryContext).
 */
import type { IndexService } from '../../index/index-service.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { percolatorQueryName, type PercolatorQueryCheck } from '../../index/mapper/percolator-field.ts'
import { indexQueryContext } from '../index-query-context.ts'
import { parseInnerQuery, type QueryContext } from '../query-builder.ts'
import { queryShardException, type IndexRef } from '../query-string/query-parser-errors.ts'

const UNMAPPED_AS_TEXT: FieldMapping = { type: 'text' }

/** The check of the percolator fields' queries of `index`, read against its mapping when a document is indexed. */
export function percolatorQueryCheck(index: IndexService): PercolatorQueryCheck {
  return (query) => {
    parseInnerQuery(query, percolatorQueryContext(index, indexQueryContext(index, 0)))
  }
}

/**
 * `context` as a percolator field's queries are built in (PercolatorFieldMapper.configureContext), when indexed and
 * when a percolate query runs them: unmapped fields refused or taken as text, some queries refused by name.
 */
export function percolatorQueryContext(index: IndexService, context: QueryContext): QueryContext {
  const asText = index.metadata.otherSettings?.['index.percolator.map_unmapped_fields_as_text'] === 'true'
  return {
    ...context,
    fields: new MappedFieldsOnly(context.fields, asText, context.index),
    queryNames: percolatorQueryName,
    // a percolate query inside a stored query is not run (percolate-query.ts)
    percolator: undefined,
  }
}

/** The index's fields, where looking up one it lacks fails (or gives a text field) instead of finding nothing. */
class MappedFieldsOnly implements ReadonlyMap<string, FieldMapping> {
  constructor(
    private readonly fields: ReadonlyMap<string, FieldMapping>,
    private readonly unmappedAsText: boolean,
    private readonly index: IndexRef | undefined,
  ) {}

  get(name: string): FieldMapping {
    const field = this.fields.get(name)
    if (field !== undefined) return field
    if (this.unmappedAsText) return UNMAPPED_AS_TEXT
    throw queryShardException(`No field mapping can be found for the field with name [${name}]`, this.index)
  }

  /** Every name is looked up: to its field, to text, or to the failure. */
  has(): boolean {
    return true
  }

  get size(): number {
    return this.fields.size
  }

  forEach(
    callback: (value: FieldMapping, key: string, map: ReadonlyMap<string, FieldMapping>) => void,
  ): void {
    this.fields.forEach((value, key) => callback(value, key, this))
  }

  entries(): MapIterator<[string, FieldMapping]> {
    return this.fields.entries()
  }

  keys(): MapIterator<string> {
    return this.fields.keys()
  }

  values(): MapIterator<FieldMapping> {
    return this.fields.values()
  }

  [Symbol.iterator](): MapIterator<[string, FieldMapping]> {
    return this.fields[Symbol.iterator]()
  }
}

// SearchContext: what a query program is evaluated against: the index's fields by name, its live docs and maxDoc.
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'

export class SearchContext {
  constructor(
    readonly fields: Map<string, FieldIndex>,
    readonly liveDocs: LiveDocs,
    readonly maxDoc: i32,
  ) {}

  field(name: string): FieldIndex | null {
    return this.fields.has(name) ? this.fields.get(name) : null
  }
}

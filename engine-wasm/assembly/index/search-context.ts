// SearchContext: what a query program is evaluated against: the index's fields by name, its live docs and maxDoc,
// and, when one document is being explained, the trace that records how each node scored it.
import { ExplainTrace } from './explain-trace'
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'

export class SearchContext {
  trace: ExplainTrace | null = null

  constructor(
    readonly fields: Map<string, FieldIndex>,
    readonly liveDocs: LiveDocs,
    readonly maxDoc: i32,
  ) {}

  field(name: string): FieldIndex | null {
    return this.fields.has(name) ? this.fields.get(name) : null
  }
}

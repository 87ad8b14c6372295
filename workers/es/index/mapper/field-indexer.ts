/**
 * Turns a parsed document into what the inverted index stores: for a `text` field the analysed tokens
 * of every value (values of an array are separated by position_increment_gap, 100, as ES sets it), for
 * a `keyword` field each value as one term unless longer than ignore_above, for other leaf types their
 * indexed term form (booleans as Lucene's "T"/"F", numbers and dates as their canonical text).
 */
import type {
  AnalyzedDocument,
  AnalyzedField,
  AnalyzedToken,
} from '../../../../engine-wasm/src/index/index.ts'
import type { ParsedDocument } from './document-parser.ts'
import type { FieldMapping } from './mapping.ts'
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'

/** Analyzes a value with the named analyzer; answers a fresh array of fresh tokens, which the caller owns. */
export type TextAnalyzer = (analyzer: string, text: string) => AnalyzedToken[]

/**
 * The analyzer a query runs a text field's input through: the query's own `analyzer`, else the field's
 * `search_analyzer`, else its `analyzer`, else the index's default (TextFieldMapper's search analyzer).
 */
export function searchAnalyzer(mapping: FieldMapping, override: string | null = null): string {
  return override ?? mapping.search_analyzer ?? mapping.analyzer ?? DEFAULT_ANALYZER
}

const POSITION_INCREMENT_GAP = 100

/**
 * `numeric` holds the numeric doc values of the document's numeric, date and boolean fields
 * (numericDocValues), which become the index's per-document numeric column; `_id` is indexed as one term.
 */
export function toAnalyzedDocument(
  docId: number,
  id: string,
  parsed: ParsedDocument,
  analyze: TextAnalyzer,
  numeric: ReadonlyMap<string, readonly number[]>,
): AnalyzedDocument {
  const fields: AnalyzedField[] = [{ field: '_id', tokens: [{ term: id, position: 0 }], norms: false }]
  for (const { path, mapping, values } of parsed.fields) {
    let tokens: AnalyzedToken[] = []
    if (mapping.type === 'text') {
      // The analyzer answers fresh tokens: the first value's are taken as they are, later values' are
      // shifted in place past the gap.
      let base = 0
      for (const value of values) {
        const analyzed = analyze(mapping.analyzer ?? DEFAULT_ANALYZER, String(value))
        if (base === 0) tokens = analyzed
        else
          for (const token of analyzed) {
            token.position += base
            tokens.push(token)
          }
        const last = analyzed[analyzed.length - 1]
        base = (last ? last.position + 1 : base) + POSITION_INCREMENT_GAP
      }
    } else {
      values.forEach((value, i) => {
        const term = indexedTerm(value)
        if (mapping.type === 'keyword' && term.length > (mapping.ignore_above ?? Infinity)) return
        tokens.push({ term, position: i })
      })
    }
    const numbers = numeric.get(path)
    if (tokens.length === 0 && !numbers) continue
    const field: AnalyzedField = { field: path, tokens }
    if (numbers) field.values = numbers
    // Only text fields have norms: keyword, numeric, date and boolean fields default to `norms: false`.
    if (mapping.type !== 'text') field.norms = false
    fields.push(field)
  }
  return { docId, fields }
}

export function indexedTerm(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'T' : 'F'
  return String(value)
}

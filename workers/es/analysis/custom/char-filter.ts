// A char filter rewrites the text before the tokenizer sees it (Lucene's CharFilter). Filters chain in
// order; the chained correctOffset maps an offset of the last output back through every filter to the
// original text, as CharFilter.correctOffset recurses into its input.
import type { FilteredText } from './offset-corrections.ts'

export interface CharFilter {
  readonly name: string
  filter(text: string): FilteredText
}

/** Runs the filters in order; the result's offsets map into `text`. */
export function applyCharFilters(text: string, filters: readonly CharFilter[]): FilteredText {
  let current: FilteredText = { text, correctOffset: (offset) => offset }
  for (const filter of filters) {
    const previous = current
    const next = filter.filter(previous.text)
    current = {
      text: next.text,
      correctOffset: (offset) => previous.correctOffset(next.correctOffset(offset)),
    }
  }
  return current
}

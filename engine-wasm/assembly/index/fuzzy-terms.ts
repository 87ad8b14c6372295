// The terms of a field within an edit distance of a word, for the term suggester (Lucene's DirectSpellChecker walks
// a FuzzyTermsEnum over the top-level reader's terms): every distinct term of the field over the segments whose
// restricted Damerau-Levenshtein distance from the word (transpositions count one edit, levenshtein.ts) is at most
// maxEdits, its first prefixLength code points equal to the word's, in code point order, each with the top-level
// docFreq (summed over segments, deleted documents included, as IndexReader.docFreq). A fuzzy query's expansion
// counts transpositions as asked; every term of the field (writeFieldTerms) is what span_multi's rewrite filters.
// Result buffer (the caller releases it): u32 count, then count x (i32 edits, i32 docFreq, u32 byte length, UTF-8).
import { codePoints, LevenshteinMatcher } from './levenshtein'
import { indexTerms } from './multi-term-queries'
import { SearchContext } from './search-context'
import { compareTerms } from './term-dictionary'

export function writeFuzzyTerms(
  ctx: SearchContext,
  field: string,
  word: string,
  maxEdits: i32,
  prefixLength: i32,
  transpositions: bool,
): usize {
  const terms = indexTerms(ctx, field)
  terms.sort((a, b) => compareTerms(a, b))
  const matcher = new LevenshteinMatcher(word, maxEdits, prefixLength, transpositions)
  const kept = new Array<string>()
  const edits = new Array<i32>()
  for (let i = 0; i < terms.length; i++) {
    const distance = matcher.edits(codePoints(terms[i]))
    if (distance < 0) continue
    kept.push(terms[i])
    edits.push(distance)
  }
  return writeTerms(ctx, field, kept, edits)
}

/** Every distinct term of the field over the segments, in code point order, each with edits 0. */
export function writeFieldTerms(ctx: SearchContext, field: string): usize {
  const terms = indexTerms(ctx, field)
  terms.sort((a, b) => compareTerms(a, b))
  return writeTerms(ctx, field, terms, new Array<i32>(terms.length).fill(0))
}

function writeTerms(ctx: SearchContext, field: string, kept: Array<string>, edits: Array<i32>): usize {
  let bytes: usize = 4
  for (let i = 0; i < kept.length; i++) bytes += 12 + <usize>String.UTF8.byteLength(kept[i])
  const out = heap.alloc(bytes)
  store<u32>(out, kept.length)
  let at = out + 4
  for (let i = 0; i < kept.length; i++) {
    const states = ctx.indexTermStates(field, kept[i])
    const length = <usize>String.UTF8.byteLength(kept[i])
    store<i32>(at, edits[i])
    store<i32>(at, states == null ? 0 : <i32>states.docFreq, 4)
    store<u32>(at, <u32>length, 8)
    String.UTF8.encodeUnsafe(changetype<usize>(kept[i]), kept[i].length, at + 12)
    at += 12 + length
  }
  return out
}

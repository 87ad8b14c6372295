// Sorted doc id sets of the span and interval iterators' approximations (ascending i32 arrays of a segment's doc ids):
// their intersection and union, each ascending and without duplicates, and a term's documents as such a set.
import { Postings } from './postings'
import { advanceEntry } from './query'

/** The documents in both `a` and `b`. */
export function intersect(a: Array<i32>, b: Array<i32>): Array<i32> {
  const out = new Array<i32>()
  let j = 0
  for (let i = 0; i < a.length; i++) {
    j = advanceEntry(b, j, a[i])
    if (j == b.length) break
    if (b[j] == a[i]) out.push(a[i])
  }
  return out
}

/** The documents in `a` or `b`. */
export function union(a: Array<i32>, b: Array<i32>): Array<i32> {
  const out = new Array<i32>()
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j == b.length || (i < a.length && a[i] < b[j])) out.push(a[i++])
    else if (i == a.length || b[j] < a[i]) out.push(b[j++])
    else {
      out.push(a[i++])
      j++
    }
  }
  return out
}

/** The documents a term's postings list, as a set of their own. */
export function postingsDocs(postings: Postings): Array<i32> {
  const docs = postings.docs
  const out = new Array<i32>(docs.length)
  for (let i = 0; i < docs.length; i++) out[i] = docs[i]
  return out
}

/**
 * An iterator over a segment's documents with a two-phase check (Lucene's TwoPhaseIterator): `candidates()` are the
 * documents its approximation visits, computed once on first use; the spans and intervals iterators extend it.
 */
export abstract class DocCandidates {
  private docs: Array<i32> | null = null

  candidates(): Array<i32> {
    let docs = this.docs
    if (docs == null) this.docs = docs = this.approximation()
    return docs
  }

  /** Whether doc is one of the candidates (the approximation stands on it). */
  isCandidate(doc: i32): bool {
    const docs = this.candidates()
    const at = advanceEntry(docs, 0, doc)
    return at < docs.length && docs[at] == doc
  }

  protected abstract approximation(): Array<i32>
}

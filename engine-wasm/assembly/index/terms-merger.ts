// mergeTerms: one field's terms of the segments a merge rewrites, into the merged segment's dictionary, as Lucene's
// SegmentMerger walks a MultiTermsEnum: the sources' terms in term order, each once, with the live entries of every
// source that has it, source after source (a source's live docs all map below the next source's), so entries stay
// ascending by doc. Terms with no live entry are dropped. Two passes over the same walk: the first counts what the
// merged field will hold, so its buffers are reserved once at their exact size; the second fills them, in term order
// (the merged dictionary needs no sort).
import { maxPositionOf } from './postings'
import { compareBytes, extrasBytes, TermDictionary } from './term-dictionary'

/** What a walk counted or carried: terms, their bytes, live entries, their positions. */
class Totals {
  /** The largest position the sources' positions buffers can hold (their widths'). */
  maxPosition: i32 = 0
  terms: i32 = 0
  bytes: i32 = 0
  entries: i32 = 0
  positions: i32 = 0
  extras: i32 = 0
}

export function mergeTerms(
  into: TermDictionary,
  sources: Array<TermDictionary | null>,
  docMaps: Array<Int32Array>,
): void {
  const totals = walk(null, sources, docMaps)
  into.reserve(totals.terms, totals.bytes, totals.entries, totals.positions, totals.maxPosition)
  into.reserveExtras(totals.extras)
  walk(into, sources, docMaps)
}

/** Walks the sources' terms in term order; adds each live term to `into` unless it is null (counting only). */
function walk(
  into: TermDictionary | null,
  sources: Array<TermDictionary | null>,
  docMaps: Array<Int32Array>,
): Totals {
  const totals = new Totals()
  const n = sources.length
  for (let i = 0; i < n; i++) {
    const source = sources[i]
    if (source != null)
      totals.maxPosition = max(totals.maxPosition, maxPositionOf(source.buffers.positionShift))
  }
  const ranks = new StaticArray<i32>(n)
  // per source, the ordinal of its current term when that is the least term of this step, else -1
  const holding = new StaticArray<i32>(n)
  while (true) {
    let least: TermDictionary | null = null
    let leastTerm = -1
    for (let i = 0; i < n; i++) {
      unchecked((holding[i] = -1))
      const source = sources[i]
      if (source == null || unchecked(ranks[i]) >= source.size) continue
      const t = source.sortedOrdinal(unchecked(ranks[i]))
      if (
        least == null ||
        compareBytes(
          source.termAddress(t),
          source.termLength(t),
          least.termAddress(leastTerm),
          least.termLength(leastTerm),
        ) < 0
      ) {
        least = source
        leastTerm = t
      }
    }
    if (least == null) return totals
    const address = least.termAddress(leastTerm)
    const length = least.termLength(leastTerm)
    let liveDocs = 0
    let livePositions = 0
    for (let i = 0; i < n; i++) {
      const source = sources[i]
      if (source == null || unchecked(ranks[i]) >= source.size) continue
      const t = source.sortedOrdinal(unchecked(ranks[i]))
      if (compareBytes(source.termAddress(t), source.termLength(t), address, length) != 0) continue
      unchecked((holding[i] = t))
      unchecked(ranks[i]++)
      const docMap = docMaps[i]
      const buffers = source.buffers
      for (let e = unchecked(source.entryStarts[t]); e < unchecked(source.entryStarts[t + 1]); e++) {
        if (docMap[buffers.doc(e)] < 0) continue
        liveDocs++
        livePositions += source.posStart(t, e + 1) - source.posStart(t, e)
      }
    }
    if (liveDocs == 0) continue
    totals.terms++
    totals.bytes += length
    totals.entries += liveDocs
    totals.positions += livePositions
    totals.extras += extrasBytes(liveDocs, livePositions)
    if (into == null) continue
    const merged = into.add(address, length, liveDocs, livePositions)
    for (let i = 0; i < n; i++) {
      const t = unchecked(holding[i])
      if (t < 0) continue
      const source = sources[i]!
      const docMap = docMaps[i]
      const buffers = source.buffers
      for (let e = unchecked(source.entryStarts[t]); e < unchecked(source.entryStarts[t + 1]); e++) {
        const doc = docMap[buffers.doc(e)]
        if (doc >= 0) into.appendEntry(merged, doc, source, t, e)
      }
    }
  }
}

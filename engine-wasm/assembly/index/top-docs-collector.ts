// TopDocsCollector: the k best matches, as Lucene's TopScoreDocCollector orders them: score descending, then docId
// ascending. Keeps a binary min-heap of the k best so far (the root is the worst kept hit), then sorts it.
// Result buffer (allocated with heap.alloc, freed by the caller through `release`):
//   u32 totalHits, u32 count, then count x (i32 docId, f32 score), little-endian, best first.
import { DocScores } from './doc-scores'

/** True when hit a ranks below hit b. */
function worse(matches: DocScores, a: i32, b: i32): bool {
  const sa = matches.scores[a]
  const sb = matches.scores[b]
  return sa != sb ? sa < sb : matches.docs[a] > matches.docs[b]
}

function siftDown(matches: DocScores, kept: Array<i32>, size: i32, from: i32): void {
  let i = from
  while (true) {
    const left = 2 * i + 1
    if (left >= size) return
    let child = left
    if (left + 1 < size && worse(matches, kept[left + 1], kept[left])) child = left + 1
    if (!worse(matches, kept[child], kept[i])) return
    const tmp = kept[i]
    kept[i] = kept[child]
    kept[child] = tmp
    i = child
  }
}

export function collectTopDocs(matches: DocScores, k: i32): usize {
  const size = min(k, matches.length)
  const kept = new Array<i32>(size)
  for (let i = 0; i < size; i++) kept[i] = i
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(matches, kept, size, i)
  for (let i = size; size > 0 && i < matches.length; i++) {
    if (worse(matches, kept[0], i)) {
      kept[0] = i
      siftDown(matches, kept, size, 0)
    }
  }
  const out = heap.alloc(8 + 8 * <usize>size)
  store<u32>(out, matches.length)
  store<u32>(out, size, 4)
  // Pop the worst into the last free slot until the heap is empty: best first.
  for (let n = size; n > 0; n--) {
    const hit = kept[0]
    kept[0] = kept[n - 1]
    siftDown(matches, kept, n - 1, 0)
    const at = out + 8 + 8 * <usize>(n - 1)
    store<i32>(at, matches.docs[hit])
    store<f32>(at, matches.scores[hit], 4)
  }
  return out
}

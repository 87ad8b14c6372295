// DocScores: the matches of one query node, docIds strictly ascending with their float32 scores, and the
// boolean combinations of Lucene's scorers over them:
//   conjunction  (ConjunctionScorer)    : docs in every clause, score = (float) sum in double of the scoring clauses
//   disjunction  (DisjunctionSumScorer) : docs in >= minShouldMatch clauses, score = (float) sum in double
//   exclusion    (ReqExclScorer)        : docs of main in no prohibited clause, score unchanged
//   reqOpt       (ReqOptSumScorer)      : docs of req, score = req + opt in float when opt matches too
// Sums of a few float32 values in double are exact, so clause order does not change a score.

/** The index of docId in docs (strictly ascending), or -1: a binary search, as a scorer's advance(docId). */
export function entryOf(docs: Array<i32>, docId: i32): i32 {
  let lo = 0
  let hi = docs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const doc = docs[mid]
    if (doc == docId) return mid
    if (doc < docId) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Where a query node's matches go, in doc id order: a DocScores, or straight into a top-k collector. */
export abstract class Hits {
  abstract push(docId: i32, score: f32): void
}

export class DocScores extends Hits {
  readonly docs: Array<i32> = new Array<i32>()
  readonly scores: Array<f32> = new Array<f32>()

  get length(): i32 {
    return this.docs.length
  }

  /** The entry of docId, or -1 when it did not match. */
  entryOf(docId: i32): i32 {
    return entryOf(this.docs, docId)
  }

  push(docId: i32, score: f32): void {
    this.docs.push(docId)
    this.scores.push(score)
  }
}

/** Index of the first entry of list at or after from whose doc is >= docId. */
function advance(list: DocScores, from: i32, docId: i32): i32 {
  let i = from
  while (i < list.length && list.docs[i] < docId) i++
  return i
}

export function conjunction(clauses: Array<DocScores>, scoring: Array<bool>): DocScores {
  const result = new DocScores()
  let lead = 0
  for (let c = 1; c < clauses.length; c++) if (clauses[c].length < clauses[lead].length) lead = c
  const cursors = new Array<i32>(clauses.length).fill(0)
  const leadList = clauses[lead]
  for (let i = 0; i < leadList.length; i++) {
    const docId = leadList.docs[i]
    let sum: f64 = 0
    let all = true
    for (let c = 0; c < clauses.length && all; c++) {
      const list = clauses[c]
      const at = advance(list, cursors[c], docId)
      cursors[c] = at
      if (at == list.length || list.docs[at] != docId) all = false
      else if (scoring[c]) sum += <f64>list.scores[at]
    }
    if (all) result.push(docId, <f32>sum)
  }
  return result
}

/**
 * The smallest doc id the clauses' cursors stand on (the next doc of their union), i32.MAX_VALUE when every clause
 * is exhausted.
 */
export function nextUnionDoc(clauses: Array<DocScores>, cursors: Array<i32>): i32 {
  let docId = i32.MAX_VALUE
  for (let c = 0; c < clauses.length; c++) {
    if (cursors[c] < clauses[c].length) docId = min(docId, clauses[c].docs[cursors[c]])
  }
  return docId
}

export function disjunction(clauses: Array<DocScores>, minShouldMatch: i32): DocScores {
  const result = new DocScores()
  const cursors = new Array<i32>(clauses.length).fill(0)
  while (true) {
    const docId = nextUnionDoc(clauses, cursors)
    if (docId == i32.MAX_VALUE) return result
    let sum: f64 = 0
    let matched = 0
    for (let c = 0; c < clauses.length; c++) {
      const at = cursors[c]
      if (at < clauses[c].length && clauses[c].docs[at] == docId) {
        sum += <f64>clauses[c].scores[at]
        matched++
        cursors[c] = at + 1
      }
    }
    if (matched >= minShouldMatch) result.push(docId, <f32>sum)
  }
}

export function exclusion(main: DocScores, prohibited: DocScores): DocScores {
  if (prohibited.length == 0) return main
  const result = new DocScores()
  let at = 0
  for (let i = 0; i < main.length; i++) {
    const docId = main.docs[i]
    at = advance(prohibited, at, docId)
    if (at == prohibited.length || prohibited.docs[at] != docId) result.push(docId, main.scores[i])
  }
  return result
}

/** req plus opt: with optRequired only docs in both (a two-clause conjunction), else every doc of req. */
export function reqOpt(req: DocScores, opt: DocScores, optRequired: bool): DocScores {
  const result = new DocScores()
  let at = 0
  for (let i = 0; i < req.length; i++) {
    const docId = req.docs[i]
    at = advance(opt, at, docId)
    const both = at < opt.length && opt.docs[at] == docId
    if (both) result.push(docId, req.scores[i] + opt.scores[at])
    else if (!optRequired) result.push(docId, req.scores[i])
  }
  return result
}

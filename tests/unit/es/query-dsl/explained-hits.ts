// The shapes of a search response's hits with `explain: true` that the query tests read: Lucene's Explanation as ES
// prints it (value, description, details) and a hit's id, score and explanation.
export interface Explanation {
  value: number
  description: string
  details: Explanation[]
}

export interface Hit {
  _id: string
  _score: number
  _explanation?: Explanation
}

/**
 * Score explanations: Lucene's Explanation tree for one document (explainDocument) and its JSON form as
 * Elasticsearch renders it (explanationJson), for `_explain` and a search's `"explain": true`.
 */
export type { Explanation } from './explanation.ts'
export { explainDocument } from './lucene-explanation.ts'
export { explanationJson } from './explanation-json.ts'

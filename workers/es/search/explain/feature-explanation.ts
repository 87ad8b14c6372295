/**
 * The explanation of a rank feature node (FeatureQuery's Weight.explain, and ES's LinearRankFeatureTermQuery's), from
 * the trace's feature record (the document's state, the weight w, the pivot used, the value S):
 *   FeatureQuery, matching        the function's explain: "<Linear|Log|Saturation|Sigmoid> function on the <field>
 *                                 field for the <feature> feature, computed as <formula> from:" over w, its parameters
 *                                 (a, k) and S
 *   FeatureQuery, not matching    "weight(<query> in <doc>) [<function>]. Field <field> doesn't exist." / ". Feature
 *                                 <feature> doesn't exist." / ". Feature <feature> isn't set."
 *   LinearRankFeatureTermQuery    "weight(<query> in <doc>) [SimpleLinearScorer], result of:" over
 *                                 "LinearScorer(featureValue=S, weight=w)"; unset "no matching term"
 * The query printed is the one whose weight explains (a BoostQuery passes its boost down as w), a saturation's with
 * the pivot it ran with.
 */
import type { ExplainedQuery, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { javaFloatToString } from '../../xcontent/index.ts'
import { match, noMatch, type Explanation } from './explanation.ts'
import { featureFunctionText } from './query-description.ts'

type FeatureNode = ExplainedQuery & { query: Extract<IndexQuery, { type: 'rankFeature' }> }

const W = 'w, weight of this function'
const K = 'k, pivot feature value that would give a score contribution equal to w/2'
const S = 'S, feature value'

export function featureExplanation(node: FeatureNode, docId: number): Explanation {
  const record = node.weights[0]
  if (record?.status !== 'feature') return noMatch('no matching term')
  const { luceneField: field, feature, fn, linearTerm } = node.query
  const { state, weight, pivot, value } = record
  const functionText = featureFunctionText(fn, pivot)
  const query =
    linearTerm === true
      ? `LinearRankFeatureTermQuery(field=${field}, feature=${feature})`
      : `FeatureQuery(field=${field}, feature=${feature}, function=${functionText})`
  const scorer = linearTerm === true ? 'LinearScorer' : functionText
  const weightOf = `weight(${query} in ${docId})`
  if (state === 'fieldMissing') return noMatch(`${weightOf} [${scorer}]. Field ${field} doesn't exist.`)
  if (state === 'featureMissing') return noMatch(`${weightOf} [${scorer}]. Feature ${feature} doesn't exist.`)
  if (linearTerm === true) {
    if (state === 'unset') return noMatch('no matching term')
    const scored = `LinearScorer(featureValue=${javaFloatToString(value)}, weight=${javaFloatToString(weight)})`
    return match(node.score, `${weightOf} [SimpleLinearScorer], result of:`, [match(node.score, scored)])
  }
  if (state === 'unset') return noMatch(`${weightOf} [${functionText}]. Feature ${feature} isn't set.`)
  const on = `on the ${field} field for the ${feature} feature, computed as`
  const w = match(weight, W)
  const s = match(value, S)
  switch (fn.type) {
    case 'linear':
      return match(node.score, `Linear function ${on} w * S from:`, [w, s])
    case 'log':
      return match(node.score, `Log function ${on} w * log(a + S) from:`, [
        w,
        match(fn.scalingFactor, 'a, scaling factor'),
        s,
      ])
    case 'saturation':
      return match(node.score, `Saturation function ${on} w * S / (S + k) from:`, [w, match(pivot, K), s])
    case 'sigmoid':
      return match(node.score, `Sigmoid function ${on} w * S^a / (S^a + k^a) from:`, [
        w,
        match(pivot, K),
        match(
          fn.exponent,
          'a, exponent, higher values make the function grow slower before k and faster after k',
        ),
        s,
      ])
  }
}

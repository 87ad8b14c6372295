/**
 * The vector functions of a score script (ES 8.17's VectorScoreScriptUtils, for float vectors):
 * `cosineSimilarity(queryVector, 'field')`, `dotProduct(...)`, `l1norm(...)`, `l2norm(...)`, each a double read from
 * the current document's vector (its doc values, index/mapper/dense-vector-values.ts) in Java float arithmetic:
 * - the query vector's elements are Number.floatValue(); cosineSimilarity divides each by the query's magnitude
 *   (a double summed from float squares);
 * - dotProduct is VectorUtil.dotProduct (one fused multiply-add per element); cosineSimilarity that dot product of
 *   the normalized query divided by the document vector's magnitude, (float) sqrt(dot(doc, doc)); l1norm the float
 *   sum of |doc[i] - query[i]|; l2norm (float) sqrt(VectorUtil.squareDistance).
 * Errors: `No field found for [f] in mapping`; a field of another type is a ClassCastException; a document without a
 * vector "A document doesn't have a value for a vector field!"; a query vector of another length "The query vector
 * has a different number of dimensions [2] than the document vectors [3].".
 */
import type { DocValuesSource } from '../search/aggregations/index.ts'
import { denseVectorElements } from '../index/mapper/dense-vector-values.ts'
import { HostObject, Num, className, javaString, type Value } from './painless-values.ts'
import { classCast, illegalArgument } from './script-errors.ts'
import { dotProduct, squareDistance } from '../search/vectors/vector-similarity.ts'

/** The functions as the parser binds them (`name/arity`). */
export const VECTOR_FUNCTIONS = ['cosineSimilarity/2', 'dotProduct/2', 'l1norm/2', 'l2norm/2']

const NAMES = new Set(VECTOR_FUNCTIONS.map((entry) => entry.slice(0, entry.indexOf('/'))))

const f = Math.fround

/** The functions bound to a shard's doc values; `docId` is the document the script runs for. */
export class VectorFunctions extends HostObject {
  readonly className = 'org.elasticsearch.script.VectorScoreScriptUtils'
  docId = -1

  constructor(private readonly docValues: DocValuesSource) {
    super()
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (!NAMES.has(name) || args.length !== 2) return undefined
    const field = typeof args[1] === 'string' ? args[1] : javaString(args[1]!)
    const query = queryVector(args[0]!)
    const info = this.docValues.field(field)
    if (info === null) throw illegalArgument(`No field found for [${field}] in mapping`)
    if (info.type !== 'dense_vector')
      throw classCast(
        'class org.elasticsearch.script.field.DelegateDocValuesField cannot be cast to class ' +
          'org.elasticsearch.script.field.vectors.DenseVectorDocValuesField',
      )
    const words = this.docValues.values(field, this.docId) as readonly number[]
    if (words.length === 0) throw illegalArgument("A document doesn't have a value for a vector field!")
    const doc = denseVectorElements(words)
    if (doc.length !== query.length)
      throw illegalArgument(
        `The query vector has a different number of dimensions [${query.length}] than the document vectors [${doc.length}].`,
      )
    return Num.double(score(name, query, doc))
  }
}

function score(name: string, query: Float32Array, doc: Float32Array): number {
  if (name === 'dotProduct') return dotProduct(doc, query)
  if (name === 'l2norm') return f(Math.sqrt(squareDistance(doc, query)))
  if (name === 'l1norm') {
    let sum = 0
    for (let i = 0; i < doc.length; i++) sum = f(sum + Math.abs(f(doc[i]! - query[i]!)))
    return sum
  }
  // FloatDenseVectorFunction normalizes the query; KnnDenseVector divides by the document's magnitude
  let squared = 0
  for (const x of query) squared += f(x * x)
  const magnitude = Math.sqrt(squared)
  const normalized = query.map((x) => f(x / magnitude))
  return f(dotProduct(doc, normalized) / f(Math.sqrt(dotProduct(doc, doc))))
}

/** The query vector: a List of Numbers, each Number.floatValue(). */
function queryVector(value: Value): Float32Array {
  if (!Array.isArray(value)) throw classCast(`Cannot cast ${className(value)} to java.util.List`)
  return Float32Array.from(value, (element) => {
    if (element instanceof Num) return element.value
    throw classCast(`Cannot cast ${className(element)} to java.lang.Number`)
  })
}

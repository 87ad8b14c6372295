/**
 * bucket_script and bucket_selector, as ES 8's BucketScriptPipelineAggregator and
 * BucketSelectorPipelineAggregator run them: declared inside any multi-bucket aggregation; `buckets_path`
 * maps script variables to paths (a single string is the variable `_value`, an array `_value0`, `_value1`,
 * ...); per bucket each path is resolved (buckets-path.ts, gap_policy skip by default) and the Painless
 * `script` runs with `params` = the script's params plus those variables (doubles, or null).
 * - bucket_script: with skip, a bucket whose value is null or NaN is left as it is; a null result leaves it
 *   too; otherwise the result is added as `{"value": ...}`;
 * - bucket_selector: the bucket is kept when the script returns true.
 * A result of another type is the script's runtime error (ClassCastException), as Painless's cast of the
 * return value to Number or boolean raises it.
 */
import { parsingException } from '../../../errors/index.ts'
import type { XContentObject } from '../../../xcontent/index.ts'
import { PainlessScript } from '../../../script/painless-script.ts'
import { Num, className, fromXContent, type Value } from '../../../script/painless-values.ts'
import { JavaException } from '../../../script/script-errors.ts'
import { parseScriptSpec, scriptSource } from '../../../script/search-script.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import { tokenName } from '../aggregation-params.ts'
import { pathElements, resolveBucketValue } from './buckets-path.ts'
import { withValue } from './parent-pipelines.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalSimpleValue } from './simple-value.ts'
import type { ValueFormat } from '../aggregation-context.ts'

/** The `buckets_path` of a script pipeline: variable name → path. */
function variablePaths(params: PipelineParams): Map<string, string> {
  const value = params.bucketsPathValue()
  if (typeof value === 'string') return new Map([['_value', value]])
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return new Map(value.map((path, i) => [`_value${i}`, path]))
  }
  if (value instanceof Map && [...value.values()].every((v) => typeof v === 'string')) {
    return new Map(value as Map<string, string>)
  }
  throw parsingException(1, 1, `Unexpected token ${tokenName(value)} in [${params.name}].`)
}

/** BucketAggregationScript.CONTEXT and BucketAggregationSelectorScript.CONTEXT. */
const SCRIPT_CONTEXTS = {
  bucket_script: 'bucket_aggregation',
  bucket_selector: 'bucket_aggregation_selector',
} as const

type Decide = (result: Value, bucket: Bucket, script: PainlessScript) => Bucket | null

function scriptPipelineParser(
  type: 'bucket_script' | 'bucket_selector',
  skipGaps: boolean,
  decide: (name: string, meta: XContentObject | null, format: ValueFormat | null) => Decide,
): AggregationParser {
  return (name, body, meta, subs) => {
    const params = new PipelineParams(type, name, body, ['script', 'gap_policy'])
    const paths = variablePaths(params)
    const gapPolicy = params.gapPolicy('skip')
    const spec = parseScriptSpec(params.raw('script'))
    const decideBucket = decide(name, meta, params.format)
    const pipeline: ParentPipelineAggregator = {
      kind: 'parent',
      name,
      type,
      bucketsPaths: [...paths.values()],
      validate: (context) => context.validateHasParent(type, name),
      reduce: (agg, scripts) => {
        const source = scriptSource(spec, scripts, SCRIPT_CONTEXTS[type])
        const script = PainlessScript.compile(source, ['params'])
        const scriptParams = fromXContent(spec.params) as Map<string, Value>
        const buckets = (agg.pipelineBuckets() ?? []).flatMap((entry) => {
          const vars = new Map(scriptParams)
          for (const [variable, path] of paths) {
            const value = resolveBucketValue(agg.name, entry, pathElements(path), gapPolicy)
            if (skipGaps && gapPolicy === 'skip' && (value === null || Number.isNaN(value)))
              return [entry.bucket]
            vars.set(variable, value === null ? null : Num.double(value))
          }
          const result = script.run(new Map<string, Value>([['params', vars]]))
          const bucket = decideBucket(result, entry.bucket, script)
          return bucket === null ? [] : [bucket]
        })
        return agg.withBuckets(buckets)
      },
    }
    return pipelineBuilder(pipeline, meta, subs)
  }
}

function castError(script: PainlessScript, result: Value, target: string): Error {
  return script.runtimeError(
    new JavaException('ClassCastException', `Cannot cast ${className(result)} to ${target}`),
  )
}

export const bucketScriptParser: AggregationParser = scriptPipelineParser(
  'bucket_script',
  true,
  (name, meta, format) => (result, bucket, script) => {
    if (result === null) return bucket
    if (!(result instanceof Num)) throw castError(script, result, 'java.lang.Number')
    return withValue(bucket, new InternalSimpleValue(name, meta, result.value, format))
  },
)

export const bucketSelectorParser: AggregationParser = scriptPipelineParser(
  'bucket_selector',
  false,
  () => (result, bucket, script) => {
    if (typeof result !== 'boolean') throw castError(script, result, 'java.lang.Boolean')
    return result ? bucket : null
  },
)

/**
 * moving_fn, as ES 8's MovFnPipelineAggregator: declared inside a histogram or date_histogram, it resolves
 * every bucket's value at `buckets_path` (gap_policy skip by default) and keeps the non-null, non-NaN ones
 * as the series; the n-th bucket with a value gets the Painless `script` run over the window
 * series[n − window + shift, n + shift) (clamped to the series), as `values` (doubles) beside `params`;
 * buckets without a value get nothing. The script's result is added as `{"value": ...}`. `window` is
 * required and positive (a validation error "[window] must be a positive, non-zero integer."); `shift`
 * defaults to 0.
 */
import { parsingException } from '../../../errors/index.ts'
import { PainlessScript } from '../../../script/painless-script.ts'
import { Num, className, fromXContent, type Value } from '../../../script/painless-values.ts'
import { JavaException } from '../../../script/script-errors.ts'
import { parseScriptSpec, scriptSource } from '../../../script/search-script.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { series, validateSequential, withValue } from './parent-pipelines.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalSimpleValue } from './simple-value.ts'

export const movingFnParser: AggregationParser = (name, body, meta, subs) => {
  const params = new PipelineParams('moving_fn', name, body, ['script', 'window', 'shift', 'gap_policy'])
  const bucketsPaths = params.bucketsPaths()
  const gapPolicy = params.gapPolicy('skip')
  if (!params.has('script')) throw parsingException(1, 1, `Required [script]`)
  const spec = parseScriptSpec(params.raw('script'))
  const window = params.int('window')
  if (window === null) throw parsingException(1, 1, `Required [window]`)
  const shift = params.int('shift') ?? 0
  const pipeline: ParentPipelineAggregator = {
    kind: 'parent',
    name,
    type: 'moving_fn',
    bucketsPaths,
    validate: (context) => {
      if (window <= 0) context.addValidationError('[window] must be a positive, non-zero integer.')
      validateSequential('moving_fn', name, bucketsPaths, context)
    },
    reduce: (agg, scripts) => {
      // MovingFunctionScript.CONTEXT.
      const source = scriptSource(spec, scripts, 'moving-function')
      const script = PainlessScript.compile(source, ['params', 'values'])
      const scriptParams = fromXContent(spec.params)
      const entries = series(agg, bucketsPaths[0]!, gapPolicy)
      const values = entries.flatMap((e) => (e.value === null || Number.isNaN(e.value) ? [] : [e.value]))
      const clamp = (i: number): number => Math.min(Math.max(i, 0), values.length)
      let index = 0
      return agg.withBuckets(
        entries.map((entry) => {
          if (entry.value === null || Number.isNaN(entry.value)) return entry.bucket
          const windowValues = values.slice(clamp(index - window + shift), clamp(index + shift))
          const result = script.run(
            new Map<string, Value>([
              ['params', scriptParams],
              ['values', windowValues.map((v) => Num.double(v))],
            ]),
          )
          if (!(result instanceof Num)) {
            throw script.runtimeError(
              new JavaException('ClassCastException', `Cannot cast ${className(result)} to double`),
            )
          }
          index++
          return withValue(entry.bucket, new InternalSimpleValue(name, meta, result.value, params.format))
        }),
      )
    },
  }
  return pipelineBuilder(pipeline, meta, subs)
}

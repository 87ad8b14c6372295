/**
 * A processor's `if` (ES's ConditionalProcessor): a Painless script (../script/) compiled when the pipeline
 * is stored, run against `ctx` (the source fields with `_index`, `_id`, ... beside them, a copy the condition
 * cannot change) and `params`. It must produce a boolean: anything else is the runtime error script_exception
 * caused by a ClassCastException "Cannot cast java.lang.X to java.lang.Boolean". Only inline sources (a
 * string, or an object with `source` and optional `params`) are supported: stored scripts are refused.
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { PainlessScript } from '../script/painless-script.ts'
import { className, fromXContent, type Value } from '../script/painless-values.ts'
import { classCast } from '../script/script-errors.ts'
import type { IngestDocument } from './ingest-document.ts'
import { javaClassName } from './java-values.ts'

export interface Condition {
  readonly source: string
  evaluate(doc: IngestDocument): boolean
}

export function compileCondition(config: XContentValue): Condition {
  let source: string
  let params: XContentObject = new Map()
  if (typeof config === 'string') source = config
  else if (config instanceof Map && typeof config.get('source') === 'string') {
    source = config.get('source') as string
    const p = config.get('params')
    if (p instanceof Map) params = p
  } else {
    throw illegalArgumentException(
      `cannot compile condition [${javaClassName(config)}]: only inline Painless sources are supported`,
    )
  }
  const script = PainlessScript.compile(source, ['ctx', 'params'])
  const scriptParams = fromXContent(params)
  return {
    source,
    evaluate(doc) {
      const result: Value = script.run(
        new Map<string, Value>([
          ['ctx', fromXContent(new Map([...doc.source, ...doc.metadata]))],
          ['params', scriptParams],
        ]),
      )
      if (typeof result === 'boolean') return result
      throw script.runtimeError(classCast(`Cannot cast ${className(result)} to java.lang.Boolean`))
    },
  }
}

/**
 * A processor's `if` (ES's ConditionalProcessor): a Painless script (../script/) compiled when the pipeline
 * is stored, run against `ctx` (the source fields with `_index`, `_id`, ... beside them, a copy the condition
 * cannot change) and `params`. It must produce a boolean: anything else is the runtime error script_exception
 * caused by a ClassCastException "Cannot cast java.lang.X to java.lang.Boolean". A source is a string, or
 * an object with `source` and optional `params`; a stored script (an object with `id`) is compiled from the
 * cluster state each time the condition runs, as ConditionalProcessor compiles a non-inline script ("unable
 * to find script [x] in cluster state" then), and is named by its id in verbose simulate results.
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { PainlessScript } from '../script/painless-script.ts'
import { storedPainlessSource } from '../script/stored-painless-script.ts'
import { className, fromXContent, type Value } from '../script/painless-values.ts'
import { classCast } from '../script/script-errors.ts'
import type { IngestDocument } from './ingest-document.ts'
import { javaClassName } from './java-values.ts'

export interface Condition {
  /** Script.getIdOrCode: the inline source, or the stored script's id. */
  readonly source: string
  evaluate(doc: IngestDocument, scripts: StoredScriptLookup): boolean
}

const VARIABLES = ['ctx', 'params']

function paramsOf(config: XContentObject): XContentObject {
  const params = config.get('params')
  return params instanceof Map ? params : new Map<string, XContentValue>()
}

/** An inline source, compiled once when the pipeline is stored. */
function inline(source: string): () => PainlessScript {
  const script = PainlessScript.compile(source, VARIABLES)
  return () => script
}

export function compileCondition(config: XContentValue): Condition {
  let source: string
  let params: XContentObject = new Map()
  let compile: (scripts: StoredScriptLookup) => PainlessScript
  if (typeof config === 'string') {
    source = config
    compile = inline(source)
  } else if (config instanceof Map && typeof config.get('source') === 'string') {
    source = config.get('source') as string
    params = paramsOf(config)
    compile = inline(source)
  } else if (config instanceof Map && typeof config.get('id') === 'string') {
    const id = config.get('id') as string
    if (config.has('lang')) throw illegalArgumentException('lang cannot be specified for stored scripts')
    source = id
    params = paramsOf(config)
    compile = (scripts) =>
      PainlessScript.compile(storedPainlessSource(scripts, id, 'processor_conditional'), VARIABLES)
  } else {
    throw illegalArgumentException(
      `cannot compile condition [${javaClassName(config)}]: only inline Painless sources are supported`,
    )
  }
  const scriptParams = fromXContent(params)
  return {
    source,
    evaluate(doc, scripts) {
      const script = compile(scripts)
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

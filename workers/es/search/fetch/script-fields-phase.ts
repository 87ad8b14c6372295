/**
 * `script_fields` (SearchSourceBuilder's ScriptField list, run by ES 8's ScriptFieldsPhase): each named
 * script is a field script (`params` with the hit's `_source`, `doc`) run for every hit; a Collection result gives the
 * field's values, anything else one value. With `ignore_failure` a hit whose script fails has no such field;
 * without, the failure fails the shard. The fields go to the hit's `fields` section after the
 * docvalue_fields (a name already there keeps its doc values) and before the `fields` option's.
 */
import { EsException, parsingException } from '../../errors/index.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { valueToken } from '../../action/value-token.ts'
import { fromXContent, toXContent } from '../../script/painless-values.ts'
import { SearchScript, parseScriptSpec, type ScriptSpec } from '../../script/search-script.ts'
import type { DocValuesSource } from '../aggregations/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { DocumentField } from './field-fetcher.ts'

export interface ScriptFieldSpec {
  readonly name: string
  readonly script: ScriptSpec
  readonly ignoreFailure: boolean
}

/** The `script_fields` object: `{ "<name>": { "script": ..., "ignore_failure": bool } }`. */
export function parseScriptFields(value: ReadonlyMap<string, XContentValue>): ScriptFieldSpec[] {
  return [...value].map(([name, body]) => {
    if (!(body instanceof Map)) {
      throw parsingException(1, 1, `Expected [START_OBJECT] in [${name}] but found [${valueToken(body)}]`)
    }
    let script: ScriptSpec | null = null
    let ignoreFailure = false
    for (const [key, entry] of body) {
      if (key === 'script') script = parseScriptSpec(entry)
      else if (key === 'ignore_failure' && typeof entry === 'boolean') ignoreFailure = entry
      else throw parsingException(1, 1, `Unknown key for a ${valueToken(entry)} in [${key}].`)
    }
    if (script === null) throw parsingException(1, 1, `Expected [script] in [${name}]`)
    return { name, script, ignoreFailure }
  })
}

/** The fields' scripts compiled for a shard, run per hit. */
export class ScriptFieldsPhase {
  private readonly scripts: Array<{ spec: ScriptFieldSpec; script: SearchScript }>

  constructor(specs: readonly ScriptFieldSpec[], docValues: DocValuesSource, indexName: string) {
    this.scripts = specs.map((spec) => ({
      spec,
      script: new SearchScript(spec.script, 'field', docValues, indexName),
    }))
  }

  /** The script fields of one hit; `source` is its parsed `_source` (params._source). */
  fetch(docId: number, source: XContentObject): DocumentField[] {
    const out: DocumentField[] = []
    if (this.scripts.length === 0) return out
    const sourceValue = fromXContent(source)
    for (const { spec, script } of this.scripts) {
      let result: XContentValue
      try {
        result = toXContent(script.runWithSource(docId, sourceValue))
      } catch (error) {
        if (spec.ignoreFailure && error instanceof EsException) continue
        throw error
      }
      const values = Array.isArray(result) ? result : [result]
      out.push({ name: spec.name, values: values.map(sourceToJson), ignoredValues: [] })
    }
    return out
  }
}

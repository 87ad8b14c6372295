/**
 * ES's Script.toString of a parsed `script` (what ScriptQuery's toString prints inside `ScriptQuery(...)`):
 *   Script{type=inline, lang='painless', idOrCode='<source>', options={}, params={<params>}}
 *   Script{type=stored, lang='null', idOrCode='<id>', options=null, params={<params>}}
 * ScriptType prints its lower-case name; a stored script has no lang and no options (null); the params are the
 * HashMap XContentParser.map() reads them into, printed by AbstractMap.toString (`{k=v, ...}` in HashMap order, nested
 * objects HashMaps too, arrays `[a, b]`, numbers as their boxed Integer, Long or Double prints).
 */
import { fromXContent, javaString } from './painless-values.ts'
import type { ScriptSpec } from './search-script.ts'

export function scriptToString(spec: ScriptSpec): string {
  const params = javaString(fromXContent(spec.params, true))
  const [type, lang, options] =
    spec.source !== null ? ['inline', 'painless', '{}'] : ['stored', 'null', 'null']
  const idOrCode = spec.source ?? spec.id
  return `Script{type=${type}, lang='${lang}', idOrCode='${idOrCode}', options=${options}, params=${params}}`
}

/**
 * A runtime field's script (ES's AbstractFieldScript and its StringFieldScript, LongFieldScript,
 * DoubleFieldScript, DateFieldScript, BooleanFieldScript contexts): compiled with `params` and `doc`, and the
 * context's `emit` function; run per document, each `emit(v)` adds a value, so a script emitting twice makes a
 * multi-valued field. `params._source` is the document's source. What `emit` takes: keyword a String, long and
 * date a long (a date's epoch millis), double any number, boolean a boolean; anything else is the
 * ClassCastException "Cannot cast <class> to <type>" (Painless' def cast). More than 100 values is ES's
 * "Runtime field [f] is emitting [101] values while the maximum number of values allowed is [100]".
 *
 * The values come back as the field's doc values hold them (number doc values and keyword terms, ascending; a
 * keyword's repeated value kept). With `on_script_error: continue` a document whose script fails has no values.
 * A field without a script reads its values from `_source` at its name, as the mapped type of the same name
 * would parse them.
 */
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import type { DocValuesSource, FieldValue } from '../search/aggregations/index.ts'
import type { RuntimeField, RuntimeSection } from '../index/mapper/runtime-field.ts'
import { compareUtf8, docValues } from '../index/mapper/doc-values.ts'
import { EsException } from '../errors/index.ts'
import { parseJson } from '../xcontent/index.ts'
import { DocLookup } from './doc-lookup.ts'
import { PainlessScript } from './painless-script.ts'
import { HostObject, Num, className, fromXContent, type Value } from './painless-values.ts'
import { classCast, illegalArgument, nullPointer } from './script-errors.ts'
import { canonicalAddress } from '../common/network/inet-addresses.ts'

const VARIABLES = ['params', 'doc']
const FUNCTIONS = ['emit/1']
const MAX_VALUES = 100

/** A field script (`params`, `doc` and `emit`) compiled; throws the compile error script_exception. */
export function compileFieldScript(source: string): PainlessScript {
  return PainlessScript.compile(source, VARIABLES, FUNCTIONS)
}

/** Compiles every script of a `runtime` section: a compile error is the mapping's failure. */
export function compileRuntimeScripts(section: RuntimeSection): void {
  for (const field of Object.values(section)) {
    if (field?.script !== undefined) compileFieldScript(field.script.source)
  }
}

/** The type of the values an Emit takes: a runtime field's, or `ip` (IpFieldScript, which the execute API runs). */
export type EmitType = RuntimeField['type'] | 'ip'

/**
 * The values `emit` collects for one run, in emit order, checked against the field's type; an `ip` value is a
 * String parsed by InetAddresses.forString and kept as its canonical text. `name` is the field the values are for.
 */
export class Emit extends HostObject {
  readonly className = 'org.elasticsearch.script.AbstractFieldScript$Emit'
  values: FieldValue[] = []

  constructor(
    private readonly name: string,
    private readonly type: EmitType,
  ) {
    super()
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (name !== 'emit' || args.length !== 1) return undefined
    if (this.values.length >= MAX_VALUES) {
      throw illegalArgument(
        `Runtime field [${this.name}] is emitting [${this.values.length + 1}] values while the maximum ` +
          `number of values allowed is [${MAX_VALUES}]`,
      )
    }
    this.values.push(this.converted(args[0]!))
    return null
  }

  private converted(value: Value): FieldValue {
    if (value === null) throw nullPointer('Cannot invoke "Object.getClass()" because "<parameter1>" is null')
    switch (this.type) {
      case 'keyword':
        if (typeof value === 'string') return value
        throw classCast(`Cannot cast ${className(value)} to java.lang.String`)
      case 'ip':
        if (typeof value !== 'string') throw classCast(`Cannot cast ${className(value)} to java.lang.String`)
        try {
          return canonicalAddress(value)
        } catch (error) {
          if (error instanceof EsException) throw illegalArgument(error.reason)
          throw error
        }
      case 'boolean':
        if (typeof value === 'boolean') return value ? 1 : 0
        throw classCast(`Cannot cast ${className(value)} to boolean`)
      case 'double':
        if (value instanceof Num) return value.value
        throw classCast(`Cannot cast ${className(value)} to double`)
      default:
        if (value instanceof Num && value.integral) return Number(value.exact)
        throw classCast(`Cannot cast ${className(value)} to long`)
    }
  }
}

export class RuntimeFieldScript {
  private readonly script: PainlessScript | null
  private readonly params: Map<string, Value>
  private readonly readsSource: boolean

  constructor(
    readonly name: string,
    private readonly field: RuntimeField,
  ) {
    const script = field.script
    this.script = script === undefined ? null : compileFieldScript(script.source)
    const params = script?.params === undefined ? new Map() : fromXContent(parseJson(script.params))
    this.params = params as Map<string, Value>
    this.readsSource = script?.source.includes('_source') ?? false
  }

  /**
   * The field's values for one document: `docValues` is what `doc` reads (the search's doc values, other
   * runtime fields included), `source` the document's parsed `_source` (asked for only when needed).
   */
  values(
    docValues: DocValuesSource,
    indexName: string,
    docId: number,
    source: () => XContentObject,
  ): FieldValue[] {
    if (this.script === null) return this.fromSource(source())
    const doc = new DocLookup(docValues, indexName)
    doc.docId = docId
    const emit = new Emit(this.name, this.field.type)
    // The source is parsed only for a script that names it (no other script can reach params._source).
    const params = new Map(this.params)
    if (this.readsSource) params.set('_source', fromXContent(source()))
    try {
      this.script.run(
        new Map<string, Value>([
          ['params', params],
          ['doc', doc],
          ['emit', emit],
        ]),
      )
    } catch (error) {
      if (error instanceof EsException && this.field.on_script_error === 'continue') return []
      throw error
    }
    return this.field.type === 'keyword'
      ? emit.values.sort((a, b) => compareUtf8(String(a), String(b)))
      : emit.values.sort((a, b) => Number(a) - Number(b))
  }

  /** A source-only runtime field: the `_source` values at its name, parsed as the mapped type would be. */
  private fromSource(source: XContentObject): FieldValue[] {
    const found: Array<string | number | boolean> = []
    collect(source, this.name.split('.'), found)
    const { type, format } = this.field
    return docValues({ type, ...(format !== undefined ? { format } : {}) }, found)
  }
}

/** XContentMapValues.extractRawValues: the leaves at a dotted path, through objects and arrays. */
function collect(value: XContentValue, path: readonly string[], out: Array<string | number | boolean>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, out)
    return
  }
  if (path.length === 0) {
    if (value === null || value instanceof Map) return
    out.push(typeof value === 'object' ? value.value : value)
    return
  }
  if (!(value instanceof Map)) return
  for (let i = 1; i <= path.length; i++) {
    const child = value.get(path.slice(0, i).join('.'))
    if (child !== undefined) collect(child, path.slice(i), out)
  }
}

/**
 * A compiled Painless script: the source parsed once (a syntax or symbol error is ES's "compile error"
 * script_exception, raised when the script is compiled, before it touches anything) and run any number of
 * times over a context's variables (a Java exception it raises is the "runtime error" script_exception).
 * `variables` names what the context provides (ScriptContext's parameters: `params`, `ctx`, `doc`, `_score`,
 * ...) and `functions` the functions it binds (`emit`); any other free name fails to compile. A script is stateless between runs (runs are synchronous), so one
 * compiled script serves every caller of the same source.
 */
import type { EsException } from '../errors/index.ts'
import { Interpreter } from './painless-interpreter.ts'
import { parsePainless } from './painless-parser.ts'
import type { Value } from './painless-values.ts'
import { JavaException, ScriptCompileError, compileException, runtimeException } from './script-errors.ts'

const CACHE_MAX_SIZE = 100
const CACHE = new Map<string, PainlessScript>()

export class PainlessScript {
  private readonly interpreter: Interpreter
  private readonly statementStarts: readonly number[]

  private constructor(
    readonly source: string,
    parsed: ReturnType<typeof parsePainless>,
  ) {
    this.interpreter = new Interpreter(parsed)
    this.statementStarts = parsed.statementStarts
  }

  /**
   * Throws the compile error script_exception when the source does not compile. Compiled scripts are kept
   * in ScriptService's cache (the last `script.cache.max_size`, 100, by source and context variables).
   */
  static compile(
    source: string,
    variables: readonly string[],
    functions: readonly string[] = [],
  ): PainlessScript {
    const key = `${variables.join(',')};${functions.join(',')}\n${source}`
    const cached = CACHE.get(key)
    if (cached !== undefined) return cached
    let script: PainlessScript
    try {
      script = new PainlessScript(source, parsePainless(source, variables, functions))
    } catch (error) {
      if (error instanceof ScriptCompileError) throw compileException(source, error)
      throw error
    }
    if (CACHE.size >= CACHE_MAX_SIZE) CACHE.delete(CACHE.keys().next().value!)
    CACHE.set(key, script)
    return script
  }

  /** The script's result; throws the runtime error script_exception. */
  run(variables: ReadonlyMap<string, Value>): Value {
    try {
      return this.interpreter.run(variables)
    } catch (error) {
      if (error instanceof JavaException) throw this.runtimeError(error)
      throw error
    }
  }

  runtimeError(error: JavaException): EsException {
    return runtimeException(this.source, this.statementStarts, error)
  }
}

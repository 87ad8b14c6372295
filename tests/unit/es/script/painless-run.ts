// Runs a Painless script as the tests of the language read it: `run` answers its value as `<kind> <javaString>` for a
// number, else as Java's toString; `failure` answers the EsException it fails with (compiling or running).
import { PainlessScript } from '../../../../workers/es/script/painless-script.ts'
import { Num, javaString, type Value } from '../../../../workers/es/script/painless-values.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'

export function run(source: string, params: Map<string, Value> = new Map()): string {
  const result = PainlessScript.compile(source, ['params']).run(new Map([['params', params]]))
  return result instanceof Num ? `${result.kind} ${javaString(result)}` : javaString(result)
}

export function failure(source: string): EsException {
  try {
    PainlessScript.compile(source, ['params']).run(new Map([['params', new Map()]]))
  } catch (error) {
    if (error instanceof EsException) return error
    throw error
  }
  throw new Error('no failure')
}

/**
 * Queries.calculateMinShouldMatch (Elasticsearch 8): `minimum_should_match` as an integer (`3`), a negative
 * integer (`-2`: all but two), a percentage (`75%`, rounded down; `-25%`), or conditional steps separated by
 * spaces (`2<-25% 9<3`: up to 2 clauses all are required, above 2 the step's value applies, above 9 the next).
 * The percentage is computed in float32 as Java does. The result is never negative but may exceed the number
 * of optional clauses, in which case the boolean query matches nothing (as in ES 8). Bad numbers throw
 * Java's NumberFormatException text.
 */
import { EsException } from '../../errors/index.ts'
import { javaParseInt } from '../../common/java-integer.ts'

function parseInt32(text: string): number {
  const value = javaParseInt(text)
  if (value === null) {
    throw new EsException({
      type: 'number_format_exception',
      reason: `For input string: "${text}"`,
      status: 400,
      rootCause: false,
    })
  }
  return value
}

export function parseMinimumShouldMatch(spec: string | null, optionalClauses: number): number {
  if (spec === null) return 0
  return calculate(optionalClauses, spec)
}

function calculate(optionalClauses: number, text: string): number {
  let result = optionalClauses
  const spec = text.trim()
  if (spec.includes('<')) {
    for (const step of spec.replace(/\s*<\s*/g, '<').split(/\s+/)) {
      const [bound = '', value = ''] = step.split('<')
      if (optionalClauses <= parseInt32(bound)) return result
      result = calculate(optionalClauses, value)
    }
    return result
  }
  if (spec.includes('%')) {
    const percent = parseInt32(spec.slice(0, -1))
    const calc = Math.fround(Math.fround(result * percent) * Math.fround(1 / 100))
    result = calc < 0 ? result + Math.trunc(calc) : Math.trunc(calc)
  } else {
    const calc = parseInt32(spec)
    result = calc < 0 ? result + calc : calc
  }
  return Math.max(result, 0)
}

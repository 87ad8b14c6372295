/**
 * WEIGHTED_AVG(number, weight) (x-pack esql WeightedAvg), a SurrogateExpression: it never aggregates itself but is
 * replaced, after its checks, by
 * - MV_AVG(number) when the number is a constant;
 * - AVG(number) when the weight is a constant (the weight cancels out: Sum(number) / Count(number));
 * - else TO_DOUBLE(SUM(number * weight)) / SUM(weight): Div typed double over two sums, so a multi-valued number or
 *   weight makes its row's product null with a warning while SUM(weight) still adds every weight, a zero sum of
 *   weights is null with the `/ by zero` warning, and no values give null.
 * Every part carries the call's source, so warnings name `weighted_avg(…)`. resolveType checks both arguments are
 * numeric but unsigned_long (`first` / `second argument of [c] must be [numeric except unsigned_long or counter
 * types] …`), then refuses a weight of type null or a constant null or 0 with ParamOrdinal's upper-case name:
 * `SECOND argument of [c] cannot be null or 0, received [0]` (Integer 0 and Double 0.0 only, as Object.equals finds).
 */
import type { EsqlExpression } from './esql-ast.ts'
import type { SurrogateAggregate } from './esql-aggregates.ts'
import { NUMERIC_AGG, checkArgs, type FunctionArg } from './esql-function-support.ts'
import { javaDoubleToString } from '../xcontent/index.ts'

type Call = Extract<EsqlExpression, { kind: 'call' }>

function resolve(args: readonly FunctionArg[], callText: string): string | { error: string } {
  const typeError = checkArgs(args, [NUMERIC_AGG, NUMERIC_AGG], callText)
  if (typeError !== null) return typeError
  const weight = args[1]!
  const c = weight.constant
  const zero = (c === 0 && weight.type === 'integer') || (c === 0 && weight.type === 'double')
  if (weight.type === 'null' || c === null || zero) {
    const received =
      c === undefined || c === null ? 'null' : weight.type === 'double' ? javaDoubleToString(0) : '0'
    return { error: `SECOND argument of [${callText}] cannot be null or 0, received [${received}]` }
  }
  return 'double'
}

function surrogate(e: Call, args: readonly FunctionArg[]): EsqlExpression {
  const [number, weight] = e.args as [EsqlExpression, EsqlExpression]
  const source = { at: e.at, text: e.text }
  const call = (name: string, ...callArgs: EsqlExpression[]): EsqlExpression => ({
    kind: 'call',
    name,
    args: callArgs,
    star: false,
    ...source,
  })
  if (args[0]!.constant !== undefined) return call('mv_avg', number)
  if (args[1]!.constant !== undefined) return call('avg', number)
  const product: EsqlExpression = { kind: 'binary', op: '*', left: number, right: weight, ...source }
  return {
    kind: 'binary',
    op: '/',
    left: call('to_double', call('sum', product)),
    right: call('sum', weight),
    ...source,
  }
}

export const WEIGHTED_AVG: SurrogateAggregate = { arity: [2, 2], resolve, surrogate }

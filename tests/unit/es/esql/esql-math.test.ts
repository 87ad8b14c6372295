// ES|QL's trigonometric, hyperbolic and logarithm functions through POST /_query: each docs example (the
// math / floats csv-spec tags) with its documented result, and the ArithmeticException warnings outside a domain.
import { beforeEach, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const values = async (query: string) => {
  const response = await node.send('POST', '/_query', { query })
  return { body: JSON.parse(response.body) as { values: unknown[][] }, warnings: response.warnings }
}

test('the docs examples', async () => {
  const examples: [string, number][] = [
    ['ROW a=.9 | EVAL r=ACOS(a) | KEEP r', 0.45102681179626236],
    ['ROW a=.9 | EVAL r=ASIN(a) | KEEP r', 1.1197695149986342],
    ['ROW a=12.9 | EVAL r=ATAN(a) | KEEP r', 1.4934316673669235],
    ['ROW y=12.9, x=.6 | EVAL r=ATAN2(y, x) | KEEP r', 1.5243181954438936],
    ['ROW a=1.8 | EVAL r=COS(a) | KEEP r', -0.2272020946930871],
    ['ROW a=1.8 | EVAL r=COSH(a) | KEEP r', 3.1074731763172667],
    ['ROW a=1.8 | EVAL r=SIN(a) | KEEP r', 0.9738476308781951],
    ['ROW a=1.8 | EVAL r=SINH(a) | KEEP r', 2.94217428809568],
    ['ROW a=1.8 | EVAL r=TAN(a) | KEEP r', -4.286261674628062],
    ['ROW a=1.8 | EVAL r=TANH(a) | KEEP r', 0.9468060128462683],
    ['ROW d = 1000.0 | EVAL r = CBRT(d) | KEEP r', 10],
    ['ROW a = 3.0, b = 4.0 | EVAL r = HYPOT(a, b) | KEEP r', 5],
    ['ROW base = 2.0, value = 8.0 | EVAL r = LOG(base, value) | KEEP r', 3],
    ['ROW value = 100 | EVAL r = LOG(value) | KEEP r', 4.605170185988092],
    ['ROW r = TAU()', 6.283185307179586],
  ]
  for (const [query, expected] of examples) expect((await values(query)).body.values).toEqual([[expected]])
})

test('outside the domain: null with the warning', async () => {
  const { body, warnings } = await values(
    'ROW a = 2, b = 1, c = 0 | EVAL x = ACOS(a), y = LOG(b, 8), z = LOG(c)',
  )
  expect(body.values).toEqual([[2, 1, 0, null, null, null]])
  expect(warnings).toEqual([
    'Line 1:36: evaluation of [ACOS(a)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:36: java.lang.ArithmeticException: Acos input out of range',
    'Line 1:49: evaluation of [LOG(b, 8)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:49: java.lang.ArithmeticException: Log of base 1',
    'Line 1:64: evaluation of [LOG(c)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:64: java.lang.ArithmeticException: Log of non-positive number',
  ])
})

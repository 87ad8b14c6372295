// Painless lambdas, method references and user-defined functions (the painless-lambdas and painless-functions docs),
// run through the execute API's painless_test context (whole responses) and an `_update` that removes a tag with
// removeIf; and the errors of a bad lambda, an unknown function and runaway recursion.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
})

async function execute(source: string, params: object = {}): Promise<[number, unknown]> {
  const response = await node.send('POST', '/_scripts/painless/_execute', { script: { source, params } })
  return [response.status, JSON.parse(response.body)]
}

describe('lambdas and method references', () => {
  it.each([
    ['def l = [1, 2, 3, 2]; l.removeIf(t -> t == params.tag); return l', '[1, 3]'],
    [
      'def l = [3, 1, 2]; return l.stream().filter(x -> x > 1).map(x -> x * 2).collect(Collectors.toList())',
      '[6, 4]',
    ],
    ['def l = [3, 1, 2]; l.sort((a, b) -> a - b); return l', '[1, 2, 3]'],
    ['List l = [3, 1, 2]; l.sort((int a, int b) -> { return b - a; }); return l', '[3, 2, 1]'],
    ["List l = ['b', 'c', 'a']; Collections.sort(l); return l", '[a, b, c]'],
    ["def m = [:]; m.computeIfAbsent('k', k -> new ArrayList()).add(1); return m", '{k=[1]}'],
    ["return ['aa', 'b'].stream().map(String::length).collect(Collectors.toList())", '[2, 1]'],
    ["return ['1', '20'].stream().map(Integer::parseInt).reduce(0, (a, b) -> a + b)", '21'],
    ["return ['b', 'a', 'b'].stream().distinct().sorted().collect(Collectors.joining(', '))", 'a, b'],
    ['def out = []; [1, 2].forEach(x -> out.add(x * 10)); return out', '[10, 20]'],
    [
      "def m = ['a': 1]; m.merge('a', 5, (x, y) -> x + y); m.merge('b', 2, (x, y) -> x + y); return m",
      '{a=6, b=2}',
    ],
    ['return [1, 2, 3].stream().anyMatch(x -> x > 2)', 'true'],
    ['return [1, 2, 3].stream().filter(x -> x % 2 == 1).count()', '2'],
  ])('%s', async (source, result) => {
    expect(await execute(source, { tag: 2 })).toEqual([200, { result }])
  })

  it('refuses a lambda of the wrong arity with Painless’ message', async () => {
    const [status, body] = await execute('def l = [1]; l.removeIf((a, b) -> true); return l')
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: {
        type: 'script_exception',
        reason: 'runtime error',
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'Incorrect number of parameters for [test] in [java.util.function.Predicate]',
        },
      },
    })
  })
})

describe('functions', () => {
  it.each([
    ['int f(int x) { return x * 2 } return f(3)', '6'],
    ['int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1) } return fact(5)', '120'],
    [
      'boolean even(int n) { return n == 0 ? true : odd(n - 1) } boolean odd(int n) { return n == 0 ? false : even(n - 1) } return even(10)',
      'true',
    ],
    ['void add(List l, def v) { l.add(v) } def l = []; add(l, 1); return l', '[1]'],
  ])('%s', async (source, result) => {
    expect(await execute(source)).toEqual([200, { result }])
  })

  it('gives a function its parameters only, and refuses an unknown call', async () => {
    const [, body] = await execute('int f(int x) { return params.x } return f(1)')
    expect(body).toMatchObject({
      error: {
        reason: 'compile error',
        caused_by: { type: 'illegal_argument_exception', reason: 'cannot resolve symbol [params]' },
      },
    })
    const [, unknown] = await execute('return g(1)')
    expect(unknown).toMatchObject({
      error: { caused_by: { reason: 'Unknown call [g] with [1] arguments.' } },
    })
  })

  it('ends runaway recursion with a StackOverflowError', async () => {
    const [status, body] = await execute('int f(int x) { return f(x) } return f(1)')
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: {
        type: 'script_exception',
        reason: 'runtime error',
        caused_by: { type: 'stack_overflow_error' },
      },
    })
  })
})

describe('in an update', () => {
  it('removes a tag with removeIf', async () => {
    await node.send('PUT', '/posts/_doc/1?refresh=true', { tags: ['a', 'b', 'a'] })
    const update = await node.send('POST', '/posts/_update/1', {
      script: { source: 'ctx._source.tags.removeIf(t -> t == params.tag)', params: { tag: 'a' } },
    })
    expect(update.status, update.body).toBe(200)
    const get = await node.send('GET', '/posts/_source/1')
    expect(JSON.parse(get.body)).toEqual({ tags: ['b'] })
  })
})

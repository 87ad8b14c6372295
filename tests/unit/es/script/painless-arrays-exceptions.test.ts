// Painless arrays and try/catch/throw, against lang-painless's ArrayTests / ArrayLikeObjectTestCase (negative
// indices from the end, "Index -1 out of bounds for length 5" of the normalized index), the "Operators: Array" docs,
// the java.lang allowlist's exceptions and DefaultSemanticAnalysisPhase's catch checks; and the error bodies of an
// `_update` whose script throws or indexes out of bounds.
import { beforeAll, describe, expect, it } from 'vitest'
import { failure, run } from './painless-run.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

describe('arrays', () => {
  it.each([
    ['int[] x = new int[5]; x.length', 'int 5'],
    ['int x = 1; int[] y = new int[x]; return y.length', 'int 1'],
    ['def x = new int[5]; x[0] = 5; return x[-5]', 'int 5'],
    ['long[] x = new long[2]; x[-1] = 7; x[1]', 'long 7'],
    ['double[] x = new double[1]; x[0]', 'double 0.0'],
    ['boolean[] x = new boolean[1]; x[0]', 'false'],
    ['String[] x = new String[1]; x[0]', 'null'],
    ['int[] x = new int[1]; x[0] = 5; x[0]++; ++x[-1]; x[0] += 1; x[0]', 'int 8'],
    ['int x; def[] y = new def[1]; x = y[0] = 1; return x;', 'int 1'],
    ['def[] x = new def[1]; x[0] = 2; return x[0] / 2', 'int 1'],
    ["String[] s = new String[] {'a', 'b'}; s[0] + s[1] + s.length", 'ab2'],
    ['def a = new def[] {1, 2L, 3.0f}; a[1]', 'long 2'],
    ['int[][] m = new int[2][3]; m[1][2] = 4; m.length * 10 + m[1].length + m[1][2]', 'int 27'],
    ['int[][] m = new int[2][]; m[0]', 'null'],
    ['int total = 0; for (int v : new int[] {1, 2, 3}) { total += v } total', 'int 6'],
    [
      'def a = new int[1000]; for (int x = 0; x < a.length; x++) { a[x] = x; } int t = 0; for (v in a) { t += v } t',
      'int 499500',
    ],
    ['new int[2] instanceof int[]', 'true'],
    ['int[] a = new int[] {1, 2}; a == a', 'true'],
    ['int[] f(int n) { return new int[n]; } f(3).length', 'int 3'],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected)
  })

  it('an index out of range is ArrayIndexOutOfBoundsException of the normalized index', () => {
    for (const [source, reason] of [
      ['int[] x = new int[5]; return x[6]', 'Index 6 out of bounds for length 5'],
      ['int[] x = new int[5]; return x[-6]', 'Index -1 out of bounds for length 5'],
      ['def x = new int[5]; x[5] = 1', 'Index 5 out of bounds for length 5'],
      ['int[] x = new int[5]; x[-6] += 1', 'Index -1 out of bounds for length 5'],
    ]) {
      const error = failure(source!)
      expect(error.reason).toBe('runtime error')
      expect(error.causedBy?.type).toBe('array_index_out_of_bounds_exception')
      expect(error.causedBy?.reason).toBe(reason)
    }
    expect(failure('new int[-1]').causedBy?.type).toBe('negative_array_size_exception')
    expect(failure('new int[-1]').causedBy?.reason).toBe('-1')
    expect(failure('String[] s = new String[] {1}').causedBy?.reason).toBe(
      'Cannot cast java.lang.Integer to String',
    )
  })

  it('prints as Object.toString does and writes to _source as a JSON array', () => {
    expect(run("'' + new int[1]")).toMatch(/^\[I@[0-9a-f]+$/)
    expect(run("'' + new String[1][1]")).toMatch(/^\[\[Ljava\.lang\.String;@[0-9a-f]+$/)
  })
})

describe('try, catch and throw', () => {
  it.each([
    [
      "try { throw new IllegalArgumentException('x') } catch (IllegalArgumentException e) { return e.getMessage() }",
      'x',
    ],
    ["try { throw new IllegalArgumentException('x') } catch (RuntimeException e) { return 'rt' }", 'rt'],
    [
      "try { throw new NumberFormatException('n') } catch (IllegalStateException e) { return 's' } catch (Exception e) { return e.toString() }",
      'java.lang.NumberFormatException: n',
    ],
    [
      'try { int[] a = new int[1]; a[3] = 1; return 0 } catch (IndexOutOfBoundsException e) { return e.getMessage() }',
      'Index 3 out of bounds for length 1',
    ],
    [
      "try { return Integer.parseInt('z') } catch (NumberFormatException e) { return e.getMessage() }",
      'For input string: "z"',
    ],
    ['int r = 0; try { r = 1 / 0 } catch (ArithmeticException e) { r = -1 } r', 'int -1'],
    [
      'int n = 0; for (int i = 0; i < 3; i++) { try { if (i == 1) throw new Exception(); n += i } catch (Exception e) { continue } } n',
      'int 2',
    ],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected)
  })

  it('an uncaught throw is the runtime error caused by the exception, positioned at its new', () => {
    const source = "int x = 1; throw new IllegalArgumentException('bad ' + x)"
    const error = failure(source)
    expect(error.reason).toBe('runtime error')
    expect(error.causedBy?.type).toBe('illegal_argument_exception')
    expect(error.causedBy?.reason).toBe('bad 1')
    expect(new Map(error.metadata).get('position')).toEqual(
      new Map([
        ['offset', 17],
        ['start', 11],
        ['end', source.length],
      ]),
    )
    const rethrown = failure(
      "try { throw new IllegalStateException('s') } catch (IllegalStateException e) { throw e }",
    )
    expect(rethrown.causedBy?.type).toBe('illegal_state_exception')
    expect(failure("throw 'x'").causedBy?.reason).toBe('Cannot cast java.lang.String to java.lang.Exception')
  })

  it('catches no Error: the loop counter still ends the script', () => {
    expect(failure('try { while (true) {} } catch (Exception e) { return 1 }').causedBy?.type).toBe(
      'painless_error',
    )
  })

  it('refuses a catch of an unknown or non-exception type when it compiles', () => {
    const unknown = failure('try { return 1 } catch (Foo e) { return 2 }')
    expect(unknown.reason).toBe('compile error')
    expect(unknown.causedBy?.reason).toBe('invalid catch declaration: cannot resolve type [Foo]')
    const notException = failure('try { return 1 } catch (String e) { return 2 }')
    expect(notException.causedBy?.type).toBe('class_cast_exception')
    expect(notException.causedBy?.reason).toBe('cannot cast from [java.lang.String] to [java.lang.Exception]')
  })
})

describe('through the REST API', () => {
  let node: TestNode

  beforeAll(async () => {
    node = await startNode()
    await node.send('PUT', '/items/_doc/1?refresh=true', { n: 1 })
  })

  it('an _update whose script throws answers 400 with the exception under the script_exception', async () => {
    const source = "if (ctx._source.n > 0) { throw new IllegalArgumentException('n must not be positive') }"
    const response = await node.send('POST', '/items/_update/1', { script: { source } })
    expect(response.status).toBe(400)
    // UpdateHelper wraps the script's failure in "failed to execute script"
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: 'failed to execute script' }],
        type: 'illegal_argument_exception',
        reason: 'failed to execute script',
        caused_by: {
          type: 'script_exception',
          reason: 'runtime error',
          script_stack: [source.slice(25), ' '.repeat(6) + '^---- HERE'],
          script: source,
          lang: 'painless',
          position: { offset: 31, start: 25, end: source.length },
          caused_by: { type: 'illegal_argument_exception', reason: 'n must not be positive' },
        },
      },
      status: 400,
    })
  })

  it('an array stored into _source is written as a JSON array', async () => {
    const response = await node.send('POST', '/items/_update/1', {
      script: {
        source: 'int[] a = new int[3]; a[1] = 7; ctx._source.a = a; ctx._source.s = new String[] {"x"}',
      },
    })
    expect(response.status, response.body).toBe(200)
    const get = await node.send('GET', '/items/_source/1')
    expect(JSON.parse(get.body)).toEqual({ n: 1, a: [0, 7, 0], s: ['x'] })
  })

  it('an out-of-bounds index in script_fields fails the shard with array_index_out_of_bounds_exception', async () => {
    const response = await node.send('POST', '/items/_search', {
      script_fields: { f: { script: { source: 'int[] a = new int[2]; return a[2]' } } },
    })
    const body = JSON.parse(response.body) as {
      error: { failed_shards: Array<{ reason: { caused_by: Record<string, unknown> } }> }
    }
    expect(response.status, response.body).toBe(400)
    expect(body.error.failed_shards[0]!.reason.caused_by).toEqual({
      type: 'array_index_out_of_bounds_exception',
      reason: 'Index 2 out of bounds for length 2',
    })
  })
})

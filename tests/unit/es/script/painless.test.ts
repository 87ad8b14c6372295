// The Painless interpreter (workers/es/script/) against the language rules of the Painless reference and the
// results lang-painless gives: def promotion and Java int/long wrapping, String concatenation, == and ===,
// control flow, declarations and casts, List/Map/String methods, Math, the loop counter and the error shapes.
import { describe, expect, it } from 'vitest'
import { PainlessScript } from '../../../../workers/es/script/painless-script.ts'
import { Num, type Value } from '../../../../workers/es/script/painless-values.ts'
import { failure, run } from './painless-run.ts'
import { errorResponseBody } from '../../../../workers/es/errors/index.ts'

describe('Painless expressions', () => {
  it.each([
    ['2147483647 + 1', 'int -2147483648'],
    ['int x = 2147483647; x * 2', 'int -2'],
    ['long y = 2147483647; y + 1', 'long 2147483648'],
    ['9223372036854775807L + 1', 'long -9223372036854775808'],
    ['1 + 2L', 'long 3'],
    ['1 + 1.5f', 'float 2.5'],
    ['0.1f + 0.2', 'double 0.30000000149011613'],
    ['0.1 + 0.2', 'double 0.30000000000000004'],
    ['7 / 2', 'int 3'],
    ['-7 / 2', 'int -3'],
    ['-7 % 3', 'int -1'],
    ['7 / 2.0', 'double 3.5'],
    ['1 << 33', 'int 2'],
    ['1L << 33', 'long 8589934592'],
    ['-1 >>> 28', 'int 15'],
    ['5 & 3 | 8 ^ 1', 'int 9'],
    ['1 + 2 * 3 - 4 / 2', 'int 5'],
    ['(int) 3.99', 'int 3'],
    ['(int) -1e20', 'int -2147483648'],
    ['(long) 2.5e10', 'long 25000000000'],
    ['(double) 1 / 4', 'double 0.25'],
    ['(byte) 200', 'int -56'],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected)
  })

  it('+ with a String concatenates String.valueOf of the other side, left to right', () => {
    expect(run("'a' + 1 + 2")).toBe('a12')
    expect(run("1 + 2 + 'a'")).toBe('3a')
    expect(run("'x' + 1.0 + ' ' + 1.5f + ' ' + 1e7 + ' ' + null + ' ' + true")).toBe(
      'x1.0 1.5 1.0E7 null true',
    )
    expect(run("'l=' + [1, 'b'] + ' m=' + ['k': 1]")).toBe('l=[1, b] m={k=1}')
  })

  it('== is equals after numeric promotion, === is identity', () => {
    expect(run('1 == 1.0')).toBe('true')
    expect(run("'a' + 'b' == 'ab'")).toBe('true')
    expect(run('[1, 2] == [1, 2]')).toBe('true')
    expect(run('def a = [1]; def b = [1]; a === b')).toBe('false')
    expect(run('def a = [1]; def b = a; a === b')).toBe('true')
    expect(run('null == null')).toBe('true')
    expect(run('1 != 2 && !(2 < 1) || false')).toBe('true')
  })

  it('ternary, elvis, null-safe access and instanceof', () => {
    const params = new Map<string, Value>([['n', Num.int(5)]])
    expect(run("params.n > 3 ? 'big' : 'small'", params)).toBe('big')
    expect(run("params.missing ?: 'default'")).toBe('default')
    expect(run('params.missing?.length()')).toBe('null')
    expect(run('params.n instanceof Integer && !(params.n instanceof String)', params)).toBe('true')
  })
})

describe('Painless statements', () => {
  it('if/else, while, do/while, for, for-each, break, continue and return', () => {
    expect(
      run('int s = 0; for (int i = 0; i < 10; i++) { if (i % 2 == 0) { continue } s += i } return s'),
    ).toBe('int 25')
    expect(run('int i = 0; while (true) { if (++i >= 4) break; } i')).toBe('int 4')
    expect(run('int i = 10; do { i -= 3 } while (i > 0); return i')).toBe('int -2')
    expect(
      run("def out = ''; for (def w : ['a', 'b']) { out += w } for (x in [1, 2]) { out += x } out"),
    ).toBe('ab12')
    expect(run('if (false) { return 1 } else if (true) { return 2 } return 3')).toBe('int 2')
    expect(run('int x = 1; x')).toBe('int 1')
    expect(run('def l = []; l.add(1);')).toBe('true')
  })

  it('declarations convert by widening; compound assignment narrows back', () => {
    expect(run('double d = 1; d')).toBe('double 1.0')
    expect(run('long l = 5, m; l + m')).toBe('long 5')
    expect(run('int x = 5; x += 2.7; x')).toBe('int 7')
    expect(run("String s = 'a'; s += 1; s")).toBe('a1')
    expect(failure('int x = 1.5').causedBy?.reason).toBe('Cannot cast java.lang.Double to int')
  })

  it('List, Map and String methods', () => {
    expect(
      run(
        'def l = [3, 1]; l.add(2); l.add(0, 9); l.remove(1); [l, l.size(), l.contains(2), l.get(-1), l.indexOf(2)]',
      ),
    ).toBe('[[9, 1, 2], 3, true, 2, 2]')
    expect(
      run(
        "def m = [:]; m.put('b', 1); m['a'] = 2; m.c = 3; m.remove('b'); [m, m.containsKey('a'), m.get('zz'), m.getOrDefault('zz', 0), m.isEmpty()]",
      ),
    ).toBe('[{a=2, c=3}, true, null, 0, false]')
    expect(run("def m = new HashMap(); m.put('z', 1); m.put('a', 2); m.keySet()")).toBe('[a, z]')
    expect(
      run("'Hello World'.substring(6).toLowerCase() + 'abc'.length() + ' x '.trim() + 'abc'.indexOf('c')"),
    ).toBe('world3x2')
    expect(
      run(
        "['abc'.startsWith('ab'), 'abc'.endsWith('bc'), 'abc'.contains('d'), 'a-b'.replace('-', '+'), String.join(',', ['x', 'y'])]",
      ),
    ).toBe('[true, true, false, a+b, x,y]')
    expect(failure("'abc'.substring(5)").causedBy?.type).toBe('string_index_out_of_bounds_exception')
    expect(failure("'abc'.nope()").causedBy?.reason).toBe(
      'dynamic method [java.lang.String, nope/0] not found',
    )
  })

  it('Math and the boxed types', () => {
    expect(run('Math.log(2 + 3)')).toBe('double 1.6094379124341003')
    expect(run('Math.max(1, 2L)')).toBe('long 2')
    expect(run('Math.abs(-3)')).toBe('int 3')
    expect(run('Math.pow(2, 10)')).toBe('double 1024.0')
    expect(run('Math.round(2.5)')).toBe('long 3')
    expect(run('Math.sqrt(16) + Math.PI - Math.PI')).toBe('double 4.0')
    expect(run("Integer.parseInt('42') + Double.parseDouble('0.5')")).toBe('double 42.5')
    expect(run('Integer.MAX_VALUE + 1')).toBe('int -2147483648')
  })
})

describe('the compiled script cache', () => {
  it('compiles a source once per context, as ScriptService caches it', () => {
    const first = PainlessScript.compile('params.a + 1', ['params'])
    expect(PainlessScript.compile('params.a + 1', ['params'])).toBe(first)
    expect(PainlessScript.compile('params.a + 1', ['params', 'doc'])).not.toBe(first)
    for (let i = 0; i < 100; i++) PainlessScript.compile(`${i}`, ['params'])
    expect(PainlessScript.compile('params.a + 1', ['params'])).not.toBe(first)
  })
})

describe('Painless failures', () => {
  it('a runaway loop ends with the loop counter PainlessError', () => {
    const error = failure('int i = 0; while (true) { i++ }')
    expect(errorResponseBody(error)).toContain(
      '"caused_by":{"type":"painless_error","reason":"The maximum number of statements that can be executed in a loop has been reached."}',
    )
    expect(run('int n = 0; for (int i = 0; i < 999999; i++) { n++ } n')).toBe('int 999999')
  })

  it('a syntax error is a compile error with the 25-character script_stack and position', () => {
    const source = 'def total = params.a + params.b; if (total > 10 { return 1 }'
    expect(errorResponseBody(failure(source))).toBe(
      '{"error":{"root_cause":[{"type":"script_exception","reason":"compile error","script_stack":' +
        '["... params.b; if (total > 10 { return 1 }","                             ^---- HERE"],' +
        `"script":"${source}","lang":"painless","position":{"offset":48,"start":23,"end":60}}],` +
        '"type":"script_exception","reason":"compile error","script_stack":' +
        '["... params.b; if (total > 10 { return 1 }","                             ^---- HERE"],' +
        `"script":"${source}","lang":"painless","position":{"offset":48,"start":23,"end":60},` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"invalid sequence of tokens near ['{']."}},"status":400}`,
    )
    expect(failure('y + 1').causedBy?.reason).toBe('cannot resolve symbol [y]')
    expect(failure('int x = 1; int x = 2').causedBy?.reason).toBe('variable [x] is already defined')
    expect(failure("'a\\qb'").causedBy?.reason).toBe(
      "unexpected character ['\\q]. The only valid escape sequences in strings starting with ['] are [\\\\] and [\\'].",
    )
    expect(failure('return 3000000000').causedBy?.reason).toBe(
      'Invalid int constant [3000000000]. If you want a long constant then change it to [3000000000L].',
    )
  })

  it('a runtime error names the statement and the node that failed', () => {
    const error = failure('def a = 1; def b = params.x.y; a')
    expect(error.reason).toBe('runtime error')
    expect(error.metadata).toEqual([
      ['script_stack', ['def b = params.x.y; ', '                ^---- HERE']],
      ['script', 'def a = 1; def b = params.x.y; a'],
      ['lang', 'painless'],
      [
        'position',
        new Map([
          ['offset', 27],
          ['start', 11],
          ['end', 31],
        ]),
      ],
    ])
    expect(error.causedBy?.type).toBe('null_pointer_exception')
    expect(failure('10 % 0').causedBy?.reason).toBe('/ by zero')
    expect(failure("1 - 'a'").causedBy?.reason).toBe(
      'Cannot apply [-] operation to types [java.lang.Integer] and [java.lang.String].',
    )
    expect(failure('[1][3]').causedBy?.reason).toBe('Index 3 out of bounds for length 1')
  })
})

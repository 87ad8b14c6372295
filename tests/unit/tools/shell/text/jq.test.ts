// jq: filters, printing and error texts as jq 1.7 prints them.
import { describe, expect, it } from 'vitest'
import { ShellFiles } from '../../../../../workers/tools/shell/shell-files.ts'
import { runCommand } from './run-command.ts'

const SEARCH = [
  '{"took":3,"hits":{"total":{"value":2,"relation":"eq"},"hits":[',
  '{"_index":"orders","_id":"1","_source":{"user":"ann","amount":12.50,"tags":["a","b"]}},',
  '{"_index":"orders","_id":"2","_source":{"user":"bob","amount":7,"tags":[]}}]}}',
]

type Case = [args: string[], stdin: string[], code: number, stdout: string, stderr?: string]

describe('jq', () => {
  it.each<Case>([
    [['.hits.total.value'], SEARCH, 0, '2\n'],
    [['.hits.hits[]._source.user'], SEARCH, 0, '"ann"\n"bob"\n'],
    [['-r', '.hits.hits[]._source.user'], SEARCH, 0, 'ann\nbob\n'],
    [['-j', '.hits.hits[]._id'], SEARCH, 0, '12'],
    [
      ['.hits.hits[0]._source'],
      SEARCH,
      0,
      '{\n  "user": "ann",\n  "amount": 12.50,\n  "tags": [\n    "a",\n    "b"\n  ]\n}\n',
    ],
    [['-c', '.hits.hits[1]._source'], SEARCH, 0, '{"user":"bob","amount":7,"tags":[]}\n'],
    [
      ['-c', '[.hits.hits[] | {id: ._id, amount: ._source.amount}]'],
      SEARCH,
      0,
      '[{"id":"1","amount":12.50},{"id":"2","amount":7}]\n',
    ],
    [['.hits.hits | map(._source.amount) | add'], SEARCH, 0, '19.5\n'],
    [['.hits.hits | length'], SEARCH, 0, '2\n'],
    [['-c', '.hits.hits[] | select(._source.amount > 10) | ._id'], SEARCH, 0, '"1"\n'],
    [['-c', '.hits | keys'], SEARCH, 0, '["hits","total"]\n'],
    [
      ['-c', '.hits.total | to_entries'],
      SEARCH,
      0,
      '[{"key":"value","value":2},{"key":"relation","value":"eq"}]\n',
    ],
    [['.hits.hits[0]._source | has("tags")'], SEARCH, 0, 'true\n'],
    [['-c', '.hits.hits[0]._source.tags[1:]'], SEARCH, 0, '["b"]\n'],
    [['.missing?.x'], SEARCH, 0, 'null\n'],
    [['-c', '.[]?'], ['5'], 0, ''],
    [['.a, .b'], ['{"a":1,"b":[]}'], 0, '1\n[]\n'],
    [['-S', '-c', '.'], ['{"b":1,"a":{"d":1,"c":2}}'], 0, '{"a":{"c":2,"d":1},"b":1}\n'],
    [['.a // "none"'], ['{"a":null}'], 0, '"none"\n'],
    [['"\\(.a)-\\(.b)"'], ['{"a":1,"b":"x"}'], 0, '"1-x"\n'],
    [['-r', '.[] | @csv'], ['[[1,"a b",null]]'], 0, '1,"a b",\n'],
    [
      ['-c', 'if . > 1 then "big" elif . == 1 then "one" else "small" end'],
      ['0 1 2'],
      0,
      '"small"\n"one"\n"big"\n',
    ],
    [['-c', 'reduce .[] as $x (0; . + $x)'], ['[1,2,3]'], 0, '6\n'],
    [
      ['-c', '--arg', 'name', 'ann', '.[] | select(.user == $name)'],
      ['[{"user":"ann"},{"user":"bob"}]'],
      0,
      '{"user":"ann"}\n',
    ],
    [['-c', 'sort_by(.n) | map(.n)'], ['[{"n":2},{"n":1}]'], 0, '[1,2]\n'],
    [['-c', 'group_by(.k) | map(length)'], ['[{"k":"a"},{"k":"b"},{"k":"a"}]'], 0, '[2,1]\n'],
    [
      ['-n', '1 / 3, 0.1 + 0.2, 1e300 * 10, 100000000000000000000, 3.0'],
      [],
      0,
      '0.3333333333333333\n0.30000000000000004\n1e+301\n100000000000000000000\n3.0\n',
    ],
    [[], ['{"a":1}'], 0, '{\n  "a": 1\n}\n'],
    [['-s', '-c', '.'], ['1', '2'], 0, '[1,2]\n'],
    [['-R', '.'], ['a', 'b'], 0, '"a"\n"b"\n'],
    [['-Rs', '.'], ['a', 'b'], 0, '"a\\nb\\n"\n'],
    [['--tab', '.'], ['{"a":[1]}'], 0, '{\n\t"a": [\n\t\t1\n\t]\n}\n'],
    [['--indent', '1', '.'], ['{"a":1}'], 0, '{\n "a": 1\n}\n'],
    [
      ['-C', '.'],
      ['1'],
      2,
      '',
      '[playground] jq: -C (colored output) is not supported: the console shows no colors\n',
    ],
    [['.'], ['"tab\\there"'], 0, '"tab\\there"\n'],
    [['.a'], ['[1]'], 5, '', 'jq: error (at <stdin>:1): Cannot index array with "a"\n'],
    [['.[0]'], ['{"a":1}'], 5, '', 'jq: error (at <stdin>:1): Cannot index object with number\n'],
    [['.[]'], ['5'], 5, '', 'jq: error (at <stdin>:1): Cannot iterate over number (5)\n'],
    [
      ['.[]'],
      ['"a long string value"'],
      5,
      '',
      'jq: error (at <stdin>:1): Cannot iterate over string ("a long str...)\n',
    ],
    [
      ['.a + 1'],
      ['{"a":"x"}'],
      5,
      '',
      'jq: error (at <stdin>:1): string ("x") and number (1) cannot be added\n',
    ],
    [['keys'], ['3'], 5, '', 'jq: error (at <stdin>:1): number (3) has no keys\n'],
    [['length'], ['true'], 5, '', 'jq: error (at <stdin>:1): boolean (true) has no length\n'],
    [['.a'], ['[1]', '{"a":2}'], 5, '2\n', 'jq: error (at <stdin>:2): Cannot index array with "a"\n'],
    [['error("boom")'], ['1'], 5, '', 'jq: error (at <stdin>:1): boom\n'],
    [['try error("boom") catch .'], ['1'], 0, '"boom"\n'],
    [
      ['.a |'],
      ['1'],
      3,
      '',
      'jq: error: syntax error, unexpected end of file (Unix shell quoting issues?) at <top-level>, line 1:\n.a |\njq: 1 compile error\n',
    ],
    [
      ['nope'],
      ['1'],
      3,
      '',
      'jq: error: nope/0 is not defined at <top-level>, line 1:\nnope\njq: 1 compile error\n',
    ],
    [['$x'], ['1'], 3, '', 'jq: error: $x is not defined at <top-level>, line 1:\n$x\njq: 1 compile error\n'],
    [['.'], ['{"a":1', ''], 2, '', 'jq: parse error: Unfinished JSON term at EOF at line 3, column 0\n'],
    // A bad token is reported after the delimiter that ends it (checked against jq 1.6's parser, 1.7 adds `jq: `).
    [['.'], ['green open books'], 2, '', 'jq: parse error: Invalid numeric literal at line 1, column 6\n'],
    [['.'], ['hi'], 2, '', 'jq: parse error: Invalid numeric literal at line 2, column 0\n'],
    [['.'], ['nul'], 2, '', 'jq: parse error: Invalid literal at line 2, column 0\n'],
    [
      ['-z', '.'],
      [],
      2,
      '',
      'jq: Unknown option: -z\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n',
    ],
    [['.', 'no.json'], [], 2, '', 'jq: error: Could not open no.json: No such file or directory\n'],
    [['-e', '.a'], ['{"a":false}'], 1, 'false\n'],
    [['-c', 'del(.took)'], ['{"took":3,"hits":[1]}'], 0, '{"hits":[1]}\n'],
    [['-c', 'del(.[] | select(. > 1))'], ['[1,2,3,0]'], 0, '[1,0]\n'],
    [['-c', 'del(.[1,2])'], ['[0,1,2,3]'], 0, '[0,3]\n'],
    [['-c', 'del(.a[0:1])'], ['{"a":[1,2,3]}'], 0, '{"a":[2,3]}\n'],
    [['-c', '[paths]'], ['{"a":[1]}'], 0, '[["a"],["a",0]]\n'],
    [['-c', 'path(.a[0].b)'], ['null'], 0, '["a",0,"b"]\n'],
    [['-c', 'getpath(["a","b"])'], ['{"a":{"b":5}}'], 0, '5\n'],
    [['path(1)'], ['null'], 5, '', 'jq: error (at <stdin>:1): Invalid path expression with result 1\n'],
    [['-c', '[.[] | numbers], [.. | strings], (.[0] | ceil)'], ['[1.5,"a",[2]]'], 0, '[1.5]\n["a"]\n2\n'],
    [
      ['-c', '[.[] | select(test("^orders"))]'],
      ['["orders-dlq","payments","orders"]'],
      0,
      '["orders-dlq","orders"]\n',
    ],
    [['-c', 'map(test("\\\\d+"))'], ['["a1","b"]'], 0, '[true,false]\n'],
    [['-c', 'map(test("B"; "i"))'], ['["ab","c"]'], 0, '[true,false]\n'],
    // Oniguruma's syntax and flags, each output checked against jq 1.6 (the same libonig calls as 1.7.1's f_match).
    [
      ['-c', 'map(test("( )*"; "gn")), map(test("( )*"; "g")), map(test("a(?=b)")), map(test("b.c"; "m"))'],
      ['["ab","b\\nc","123-123","abc"]'],
      0,
      '[false,false,false,false]\n[true,true,true,true]\n[true,false,false,true]\n[false,true,false,false]\n',
    ],
    [
      ['-c', 'map(test("B c"; "ix")), map(test("\\\\d{3}")), map(test("(?<y>\\\\d+)-\\\\k<y>"))'],
      ['["ab","b\\nc","123-123","abc"]'],
      0,
      '[false,false,false,true]\n[false,false,true,false]\n[false,false,true,false]\n',
    ],
    // jq reads Perl syntax with ONIG_OPTION_SINGLELINE: `^` and `$` at the string's ends, `(?s)` dot-all.
    [
      [
        '-c',
        '[map(test("a$")), map(test("^a")), map(test("(?s)a.b")), map(test("(?m)a.b")), map(test("a.b"; "p"))]',
      ],
      ['["a\\nb","a\\n","x\\na"]'],
      0,
      '[[false,true,true],[true,true,false],[true,false,false],[false,false,false],[true,false,false]]\n',
    ],
    [['-c', '[test("(?i)ab"), test("a(?i)b"), test("(?i:a)B")]'], ['"AB"'], 0, '[true,false,true]\n'],
    ...(
      [
        ['(', 'end pattern with unmatched parenthesis'],
        ['a)', 'unmatched close parenthesis'],
        ['[a', 'premature end of char-class'],
        ['*a', 'target of repeat operator is not specified'],
        ['a{2,1}', 'upper is smaller than lower in repeat range'],
      ] as const
    ).map(([pattern, message]): [string[], string[], number, string, string] => [
      [`test("${pattern}")`],
      ['"abc"'],
      5,
      '',
      `jq: error (at <stdin>:1): Regex failure: ${message}\n`,
    ]),
    [['test("a"; "gq")'], ['"abc"'], 5, '', 'jq: error (at <stdin>:1): gq is not a valid modifier string\n'],
    [
      ['test("a")'],
      ['1'],
      5,
      '',
      'jq: error (at <stdin>:1): number (1) cannot be matched, as it is not a string\n',
    ],
  ])('jq %j', async (args, stdin, code, stdout, stderr = '') => {
    expect(await runCommand(['jq', ...args], stdin, new ShellFiles())).toEqual({ code, stdout, stderr })
  })

  it('reads a FILE', async () => {
    const files = new ShellFiles()
    files.write('doc.json', '{"a":[1,2]}\n')
    expect(await runCommand(['jq', '-c', '.a', 'doc.json'], [], files)).toEqual({
      code: 0,
      stdout: '[1,2]\n',
      stderr: '',
    })
  })
})

describe('jq limits', () => {
  it('refuses a range too big to build', async () => {
    expect(await runCommand(['jq', '-n', '[range(1e9)] | length'])).toEqual({
      code: 5,
      stdout: '',
      stderr: 'jq: error (at <unknown>): range: at most 1000000 numbers in the playground\n',
    })
  })
})

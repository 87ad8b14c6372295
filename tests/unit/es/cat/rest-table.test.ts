// RestTable rendering rules (ES 8.17 RestTable / AbstractCatAction): padding and alignment, `v`, `h` with
// aliases and patterns, `s` with :asc/:desc, `ts`, `bytes`, `format=json|yaml` and `help`.
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import {
  renderCatTable,
  timestampCells,
  withTimestamp,
  type CatTable,
} from '../../../../workers/es/rest/cat/rest-table.ts'
import { ByteSize } from '../../../../workers/es/rest/cat/byte-size.ts'
import { TimeCell } from '../../../../workers/es/rest/cat/time-cell.ts'
import { guarded } from '../../../../workers/es/rest/responses.ts'

const TABLE: CatTable = {
  columns: [
    { name: 'index', aliases: ['i', 'idx'], desc: 'index name' },
    { name: 'docs.count', aliases: ['dc', 'docsCount'], desc: 'available docs', right: true },
    { name: 'store.size', aliases: ['ss'], desc: 'store size', right: true },
    { name: 'uuid', desc: 'index uuid', hidden: true },
  ],
  rows: [
    ['logs', 1200, new ByteSize(90_300), 'u1'],
    ['a', 7, new ByteSize(249), 'u2'],
    ['metrics-long-name', null, new ByteSize(5 * 1024 ** 2), 'u3'],
  ],
}

const render = (query: string, table: CatTable = TABLE) =>
  renderCatTable(table, new Map(new URLSearchParams(query)))

describe('text tables', () => {
  test('default columns, padded; numbers right-aligned; the last column not padded on the right', () => {
    expect(render('').body).toBe(
      'logs              1200 88.1kb\n' +
        'a                    7   249b\n' +
        'metrics-long-name' +
        ' '.repeat(9) +
        '5mb\n',
    )
  })

  test('?v adds the header row, aligned like its column', () => {
    const response = render('v')
    expect(response).toMatchObject({ status: 200, contentType: 'text/plain' })
    expect(response.body).toBe(
      'index             docs.count store.size\n' +
        'logs                    1200     88.1kb\n' +
        'a                          7       249b\n' +
        'metrics-long-name                   5mb\n',
    )
  })

  test('h= picks columns by name or alias, shows the alias as typed, includes default:false columns', () => {
    expect(render('v&h=uuid,dc,i').body).toBe(
      'uuid   dc i\n' + 'u1   1200 logs\n' + 'u2      7 a\n' + 'u3        metrics-long-name\n',
    )
  })

  test('h= patterns match names and aliases; unknown columns are skipped', () => {
    expect(render('h=*s*,nope').body).toBe('1200 88.1kb\n   7   249b\n        5mb\n')
    expect(render('h=docs*').body).toBe('1200\n   7\n    \n')
  })

  test('s= sorts by value (numbers and sizes numerically, null first), :desc reverses', () => {
    expect(render('h=i&s=dc').body).toBe('metrics-long-name\na\nlogs\n')
    expect(render('h=i&s=store.size:desc').body).toBe('metrics-long-name\nlogs\na\n')
    expect(render('h=i&s=index:asc').body).toBe('a\nlogs\nmetrics-long-name\n')
  })

  test('s= with an unknown key fails as the UnsupportedOperationException ES throws', async () => {
    const response = await guarded(() => render('s=nope'))
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [
          { type: 'unsupported_operation_exception', reason: 'Unable to sort by unknown sort key `nope`' },
        ],
        type: 'unsupported_operation_exception',
        reason: 'Unable to sort by unknown sort key `nope`',
      },
      status: 500,
    })
  })

  test('bytes= prints whole units', () => {
    expect(render('h=ss&bytes=b').body).toBe('  90300\n    249\n5242880\n')
    expect(render('h=ss&bytes=kb').body).toBe('  88\n   0\n5120\n')
  })

  test('a gap over 127 characters wraps in the Java byte and pads nothing', () => {
    const wide: CatTable = {
      columns: [
        { name: 'a', desc: 'a' },
        { name: 'b', desc: 'b' },
      ],
      rows: [
        ['x'.repeat(130), '1'],
        ['y', '2'],
      ],
    }
    expect(render('', wide).body).toBe(`${'x'.repeat(130)} 1\ny 2\n`)
  })

  test('an empty table prints nothing, or just the headers with ?v', () => {
    const empty = { columns: TABLE.columns, rows: [] }
    expect(render('', empty).body).toBe('')
    expect(render('v', empty).body).toBe('index docs.count store.size\n')
  })

  test('timestamp columns: epoch seconds and UTC HH:mm:ss, dropped by ts=false', () => {
    expect(timestampCells(1_734_012_811_000)).toEqual([1_734_012_811, '14:13:31'])
    const table: CatTable = {
      columns: withTimestamp([{ name: 'count', desc: 'count', right: true }]),
      rows: [[...timestampCells(1_734_012_811_000), 5]],
    }
    expect(render('v', table).body).toBe('epoch      timestamp count\n1734012811 14:13:31      5\n')
    expect(render('v&ts=false', table).body).toBe('count\n    5\n')
  })

  test('every line of a table without nulls has its columns at the same offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(10 ** 6)), { maxLength: 12 }),
        (rows) => {
          const table: CatTable = {
            columns: [
              { name: 'name', desc: 'name' },
              { name: 'n', desc: 'n', right: true },
            ],
            rows: rows.map(([name, n]) => [name.replace(/\s/g, '_'), n]),
          }
          const lines = render('v', table).body.split('\n').slice(0, -1)
          const width = lines[0]!.length
          expect(lines.every((line) => line.length === width)).toBe(true)
        },
      ),
    )
  })

  test('s= is a stable sort by the key, as a naive oracle sorts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 20 }),
        (values) => {
          const table: CatTable = {
            columns: [
              { name: 'k', desc: 'k' },
              { name: 'row', desc: 'row' },
            ],
            rows: values.map((v, i) => [v, i]),
          }
          const expected = values
            .map((v, i) => ({ v, i }))
            .sort((a, b) => (a.v ?? -1) - (b.v ?? -1))
            .map(({ i }) => `${i}\n`)
            .join('')
          expect(render('h=row&s=k', table).body).toBe(expected)
        },
      ),
    )
  })
})

describe('json, yaml and help', () => {
  test('format=json: an array of objects with string values, null kept', () => {
    const response = render('format=json&h=i,dc')
    expect(response.contentType).toBe('application/json')
    expect(response.body).toBe(
      '[{"i":"logs","dc":"1200"},{"i":"a","dc":"7"},{"i":"metrics-long-name","dc":null}]',
    )
  })

  test('format=yaml: a document marker, quoted strings', () => {
    expect(render('format=yaml&h=index,docs.count&s=index').body).toBe(
      '---\n' +
        '- index: "a"\n' +
        '  docs.count: "7"\n' +
        '- index: "logs"\n' +
        '  docs.count: "1200"\n' +
        '- index: "metrics-long-name"\n' +
        '  docs.count: null\n',
    )
    expect(render('format=yaml', { columns: TABLE.columns, rows: [] }).body).toBe('--- []\n')
  })

  test('help lists every column: name | aliases | description, all padded', () => {
    expect(render('help').body).toBe(
      'index      | i,idx        | index name    \n' +
        'docs.count | dc,docsCount | available docs\n' +
        'store.size | ss           | store size    \n' +
        'uuid       |              | index uuid    \n',
    )
  })
})

describe('column lookup as RestTable and Table do it', () => {
  const LOADS: CatTable = {
    columns: withTimestamp([
      { name: 'load_1m', aliases: ['l'], desc: '1m load avg', right: true },
      { name: 'load_15m', aliases: ['l'], desc: '15m load avg', right: true },
      { name: 'shards', aliases: ['t', 'sh'], desc: 'total number of shards', right: true },
      { name: 'store.size', aliases: ['ss'], desc: 'store size', right: true, sibling: 'pri' },
      { name: 'pri.store.size', desc: 'store size of primaries', right: true },
    ]),
    rows: [
      [1, '00:00:01', '0.50', '0.15', 4, new ByteSize(2048), new ByteSize(1024)],
      [2, '00:00:02', '0.10', '0.90', 2, new ByteSize(512), new ByteSize(256)],
    ],
  }

  test('h= with an alias several columns share takes the last of them (buildDisplayHeaders keeps looping)', () => {
    // `l` is load_1m's, load_5m's and load_15m's alias in RestNodesAction; `t` is epoch's and shards' in RestHealthAction
    expect(render('v&h=l,t', LOADS).body).toBe('   l t\n0.15 4\n0.90 2\n')
  })

  test("s= resolves through Table.getAliasMap, where a later column's alias replaces an earlier one's", () => {
    expect(render('h=shards&s=t', LOADS).body).toBe('2\n4\n')
    expect(render('h=load_15m&s=l:desc', LOADS).body).toBe('0.90\n0.15\n')
  })

  test('a sibling flag (`pri`) adds `pri.<column>` right after the column, named after what h= typed', () => {
    expect(render('v&h=shards,ss&pri', LOADS).body).toBe(
      'shards   ss pri.ss\n' + '     4  2kb    1kb\n' + '     2 512b   256b\n',
    )
    expect(render('v&h=store.size&pri=true', LOADS).body).toBe(
      'store.size pri.store.size\n' + '       2kb            1kb\n' + '      512b           256b\n',
    )
    expect(render('h=store.size&pri=false', LOADS).body).toBe(' 2kb\n512b\n')
    expect(render('h=store.size', LOADS).body).toBe(' 2kb\n512b\n')
  })
})

describe('time cells (a TimeValue in RestTable)', () => {
  const RECOVERIES: CatTable = {
    columns: [
      { name: 'shard', aliases: ['s'], desc: 'shard name', right: true },
      { name: 'time', aliases: ['t', 'ti'], desc: 'recovery time' },
    ],
    rows: [
      [0, TimeCell.ofMillis(10)],
      [1, TimeCell.ofMillis(1500)],
      [2, TimeCell.ofMillis(3)],
      [3, TimeCell.ofNanos(2_500_000_000)],
    ],
  }

  test('print as TimeValue.toString() without time=, as whole units with it', () => {
    expect(render('h=time', RECOVERIES).body).toBe('10ms\n1.5s\n3ms\n2.5s\n')
    expect(render('h=time&time=ms', RECOVERIES).body).toBe('10\n1500\n3\n2500\n')
    expect(render('h=time&time=s', RECOVERIES).body).toBe('0\n1\n0\n2\n')
    expect(render('h=time&time=micros', RECOVERIES).body).toBe('10000\n1500000\n3000\n2500000\n')
    expect(render('h=time&time=fortnights', RECOVERIES).body).toBe('10ms\n1.5s\n3ms\n2.5s\n')
    expect(render('h=t&time=ms&format=json', RECOVERIES).body).toBe(
      '[{"t":"10"},{"t":"1500"},{"t":"3"},{"t":"2500"}]',
    )
  })

  test('s= compares durations, not their text (TimeValue.compareTo)', () => {
    expect(render('h=shard&s=time', RECOVERIES).body).toBe('2\n0\n1\n3\n')
    expect(render('h=shard&s=ti:desc', RECOVERIES).body).toBe('3\n1\n0\n2\n')
  })
})

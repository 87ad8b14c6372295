// ES|QL's BIT_LENGTH, BYTE_LENGTH, TO_BASE64, FROM_BASE64, REVERSE, REPEAT, SPACE, CIDR_MATCH, IP_PREFIX, TO_DEGREES,
// TO_RADIANS, TO_UNSIGNED_LONG, TO_DATEPERIOD and TO_TIMEDURATION through POST /_query: the docs examples (the
// docs / string / ip / floats / ints / convert csv-spec tags) with their documented results, the warnings of
// Repeat, FromBase64, IpPrefix and ToUnsignedLong, and MIN / MAX over ips in address order.
import { beforeEach, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const esql = async (query: string) => {
  const response = await node.send('POST', '/_query', { query })
  return { body: JSON.parse(response.body) as { values: unknown[][] }, warnings: response.warnings }
}

test('the docs examples', async () => {
  const examples: [string, unknown[]][] = [
    [
      'ROW city = "Agwār" | EVAL l = LENGTH(city), b = BIT_LENGTH(city), y = BYTE_LENGTH(city) | KEEP l, b, y',
      [5, 48, 6],
    ],
    ['ROW a = "elastic" | EVAL e = TO_BASE64(a) | KEEP e', ['ZWxhc3RpYw==']],
    ['ROW a = "ZWxhc3RpYw==" | EVAL d = FROM_BASE64(a) | KEEP d', ['elastic']],
    ['ROW message = "Some Text" | EVAL r = REVERSE(message) | KEEP r', ['txeT emoS']],
    ['ROW a = "Hello!" | EVAL triple_a = REPEAT(a, 3) | KEEP triple_a', ['Hello!Hello!Hello!']],
    ['ROW message = CONCAT("Hello", SPACE(1), "World!")', ['Hello World!']],
    [
      'ROW ip4 = TO_IP("1.2.3.4"), ip6 = TO_IP("fe80::cae2:65ff:fece:feb9") | ' +
        'EVAL ip4_prefix = IP_PREFIX(ip4, 24, 0), ip6_prefix = IP_PREFIX(ip6, 0, 112) | KEEP ip4_prefix, ip6_prefix',
      ['1.2.3.0', 'fe80::cae2:65ff:fece:0'],
    ],
    [
      'ROW ip1 = TO_IP("127.0.0.3") | EVAL m = CIDR_MATCH(ip1, "127.0.0.2/32", "127.0.0.3/32"), ' +
        'n = CIDR_MATCH(ip1, "10.0.0.0/8") | KEEP m, n',
      [true, false],
    ],
    [
      'ROW rad = [1.57, 3.14, 4.71] | EVAL deg = TO_DEGREES(rad) | KEEP deg',
      [[89.95437383553924, 179.9087476710785, 269.86312150661774]],
    ],
    [
      'ROW deg = [90.0, 180.0, 270.0] | EVAL rad = TO_RADIANS(deg) | KEEP rad',
      [[1.5707963267948966, 3.141592653589793, 4.71238898038469]],
    ],
    [
      'ROW x = "2024-01-01"::datetime | EVAL y = x + "3 DAYS"::date_period, z = x - TO_DATEPERIOD("3 days") | KEEP y, z',
      ['2024-01-04T00:00:00.000Z', '2023-12-29T00:00:00.000Z'],
    ],
    [
      'ROW x = "2024-01-01"::datetime | EVAL y = x + "3 hours"::time_duration, z = x - TO_TIMEDURATION("3 hours") | KEEP y, z',
      ['2024-01-01T03:00:00.000Z', '2023-12-31T21:00:00.000Z'],
    ],
  ]
  for (const [query, expected] of examples) expect((await esql(query)).body.values).toEqual([expected])
})

test('TO_UNSIGNED_LONG: the docs example and its warning', async () => {
  const query =
    'ROW str1 = "2147483648", str2 = "2147483648.2", str3 = "foo" | ' +
    'EVAL long1 = TO_UNSIGNED_LONG(str1), long2 = TO_ULONG(str2), long3 = TO_UL(str3) | KEEP long1, long2, long3'
  const { body, warnings } = await esql(query)
  expect(body).toMatchObject({
    columns: [{ type: 'unsigned_long' }, { type: 'unsigned_long' }, { type: 'unsigned_long' }],
  })
  expect(body.values).toEqual([[2147483648, 2147483648, null]])
  expect(warnings).toEqual([
    'Line 1:133: evaluation of [TO_UL(str3)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:133: java.lang.NumberFormatException: Character f is neither a decimal digit number, decimal point, nor "e" notation exponential mark.',
  ])
})

test('run-time refusals are null with the warning; a constant negative count fails the query', async () => {
  const { body, warnings } = await esql(
    'ROW n = -1, s = "a", b = "Zm9v!" | EVAL r = REPEAT(s, n), f = FROM_BASE64(b), p = IP_PREFIX(TO_IP("1.2.3.4"), 33, 0) | KEEP r, f, p',
  )
  expect(body.values).toEqual([[null, null, null]])
  // IP_PREFIX of constants is folded when the query is planned, so its warning comes first
  expect(warnings).toEqual([
    'Line 1:83: evaluation of [IP_PREFIX(TO_IP("1.2.3.4"), 33, 0)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:83: java.lang.IllegalArgumentException: Prefix length v4 must be in range [0, 32], found 33',
    'Line 1:45: evaluation of [REPEAT(s, n)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:45: java.lang.IllegalArgumentException: Number parameter cannot be negative, found [-1]',
    'Line 1:63: evaluation of [FROM_BASE64(b)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:63: java.lang.IllegalArgumentException: Illegal base64 character 21',
  ])
  const constant = await esql('ROW s = "a" | EVAL r = REPEAT(s, -2)')
  expect(constant.body).toMatchObject({
    error: { type: 'illegal_argument_exception', reason: 'Number parameter cannot be negative, found [-2]' },
    status: 400,
  })
})

test('MIN and MAX compare ips as addresses, not text', async () => {
  const { body } = await esql(
    'ROW ip = MV_APPEND(TO_IP("10.0.0.9"), MV_APPEND(TO_IP("9.0.0.1"), TO_IP("::1"))) | MV_EXPAND ip | ' +
      'STATS lo = MIN(ip), hi = MAX(ip)',
  )
  expect(body.values).toEqual([['::1', '10.0.0.9']])
})

// A numeric range as Lucene's PointRangeQuery.toString prints it in _validate/query explanations: each bound as
// its point type prints it (LongPoint.toString / IntPoint: Long.toString, Integer.toString; DoublePoint:
// Double.toString; FloatPoint: Float.toString), and an open end as the bound
// NumberFieldMapper / DateFieldMapper build it with: Long.MIN_VALUE / MAX_VALUE, Integer.MIN_VALUE / MAX_VALUE,
// or a double or float's -Infinity / Infinity.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, validateExplanation } from '../cluster-admin/cluster-admin-fixture.ts'

const TYPES = ['long', 'integer', 'short', 'double', 'float', 'date', 'date_nanos'] as const

async function explained(query: object): Promise<string> {
  const properties = Object.fromEntries(TYPES.map((type) => [type, { type }]))
  const { cluster } = await clusterWithIndex(1, { mappings: { properties } })
  return validateExplanation(cluster, query)
}

describe('numeric range descriptions', () => {
  it('print an open end as the point type bound ES builds', async () => {
    const should = TYPES.map((type) => ({
      range: { [type]: type.startsWith('date') ? { gte: 0 } : { lt: 5 } },
    }))
    expect(await explained({ bool: { should } })).toBe(
      [
        'long:[-9223372036854775808 TO 4]',
        'integer:[-2147483648 TO 4]',
        'short:[-2147483648 TO 4]',
        'double:[-Infinity TO 4.999999999999999]',
        'float:[-Infinity TO 4.9999995]',
        'date:[0 TO 9223372036854775807]',
        'date_nanos:[0 TO 9223372036854775807]',
      ].join(' '),
    )
  })

  it('print double and float bounds as Double.toString and Float.toString', async () => {
    const should = [{ range: { double: { gte: 5 } } }, { range: { float: { gte: 1.1, lte: 2 } } }]
    expect(await explained({ bool: { should } })).toBe('double:[5.0 TO Infinity] float:[1.1 TO 2.0]')
  })
})

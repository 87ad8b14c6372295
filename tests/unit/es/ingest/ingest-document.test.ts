// IngestDocument's field paths against ES 8's IngestDocument (resolve, setFieldValue, removeField, hasField,
// appendFieldValue) and their exact error texts, plus property tests against a naive nested-object oracle.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IngestDocument } from '../../../../workers/es/ingest/ingest-document.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../../../workers/es/xcontent/index.ts'

function doc(source: XContentObject = new Map()): IngestDocument {
  return new IngestDocument(
    source,
    new Map<string, XContentValue>([
      ['_index', 'idx'],
      ['_id', '1'],
    ]),
    new Map([['timestamp', 't']]),
  )
}

function reason(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    if (error instanceof EsException) return `${error.type}: ${error.reason}`
    throw error
  }
  return 'no error'
}

describe('IngestDocument paths', () => {
  it('reads through maps and list indexes, and the _source. / _ingest. prefixes and metadata', () => {
    const d = doc(new Map<string, XContentValue>([['a', [new Map([['name', 'x']])]]]))
    expect(d.getFieldValue('a.0.name')).toBe('x')
    expect(d.getFieldValue('_source.a.0.name')).toBe('x')
    expect(d.getFieldValue('_ingest.timestamp')).toBe('t')
    expect(d.getFieldValue('_index')).toBe('idx')
    expect(d.hasField('a.0.name')).toBe(true)
    expect(d.hasField('a.1.name')).toBe(false)
    expect(d.hasField('a.x')).toBe(false)
    expect(d.getFieldValue('nope', true)).toBeUndefined()
  })

  it('the error texts of IngestDocument', () => {
    const d = doc(
      new Map<string, XContentValue>([
        ['s', 'str'],
        ['l', [new XNumber('1')]],
        ['n', null],
      ]),
    )
    expect(reason(() => d.getFieldValue('a.b'))).toBe(
      'illegal_argument_exception: field [a] not present as part of path [a.b]',
    )
    expect(reason(() => d.getFieldValue('s.b'))).toBe(
      'illegal_argument_exception: cannot resolve [b] from object of type [java.lang.String] as part of path [s.b]',
    )
    expect(reason(() => d.getFieldValue('n.b'))).toBe(
      'illegal_argument_exception: cannot resolve [b] from null as part of path [n.b]',
    )
    expect(reason(() => d.getFieldValue('l.5'))).toBe(
      'illegal_argument_exception: [5] is out of bounds for array with length [1] as part of path [l.5]',
    )
    expect(reason(() => d.getFieldValue('l.x'))).toBe(
      'illegal_argument_exception: [x] is not an integer, cannot be used as an index as part of path [l.x]',
    )
    expect(reason(() => d.setFieldValue('n.b', 'v'))).toBe(
      'illegal_argument_exception: cannot set [b] with null parent as part of path [n.b]',
    )
    expect(reason(() => d.setFieldValue('l.0.x', 'v'))).toBe(
      'illegal_argument_exception: cannot set [x] with parent object of type [java.lang.Integer] as part of path [l.0.x]',
    )
    expect(reason(() => d.removeField('s.x'))).toBe(
      'illegal_argument_exception: cannot remove [x] from object of type [java.lang.String] as part of path [s.x]',
    )
    expect(reason(() => d.setFieldValue('', 'v'))).toBe(
      'illegal_argument_exception: path cannot be null nor empty',
    )
    expect(reason(() => d.setFieldValue('.', 'v'))).toBe('illegal_argument_exception: path [.] is not valid')
  })

  it('set creates intermediate objects; remove of a list element shifts the rest', () => {
    const d = doc()
    d.setFieldValue('a.b.c', 'v')
    d.setFieldValue('l', ['x', 'y', 'z'])
    d.removeField('l.1')
    expect(d.source).toEqual(
      new Map<string, XContentValue>([
        ['a', new Map([['b', new Map([['c', 'v']])]])],
        ['l', ['x', 'z']],
      ]),
    )
  })

  it('append: a scalar becomes a list; lists append element-wise; without duplicates', () => {
    const d = doc(new Map<string, XContentValue>([['t', 'a']]))
    d.appendFieldValue('t', ['b', 'a'], true)
    d.appendFieldValue('t', ['b', 'c'], false)
    d.appendFieldValue('fresh', 'x', true)
    expect(d.source.get('t')).toEqual(['a', 'b', 'a', 'c'])
    expect(d.source.get('fresh')).toEqual(['x'])
  })
})

// A nested object built from paths of simple keys (no dots, not numeric), the oracle a plain JS object.
const key = fc.constantFrom('a', 'b', 'c', 'd')
const path = fc.array(key, { minLength: 1, maxLength: 3 })

describe('IngestDocument against a plain-object oracle', () => {
  it('after a sequence of sets and removes, every path reads as the oracle says', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), path, fc.integer({ min: 0, max: 9 })), { maxLength: 25 }),
        (operations) => {
          const d = doc()
          const oracle: Record<string, unknown> = {}
          for (const [isSet, p, value] of operations) {
            const dotted = p.join('.')
            const parents = p.slice(0, -1)
            let node: Record<string, unknown> | undefined = oracle
            let blocked = false
            for (const k of parents) {
              const next: unknown = node[k]
              if (next === undefined && isSet) node = node[k] = {}
              else if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>
              else {
                blocked = true
                break
              }
            }
            const leaf = p[p.length - 1]!
            const expectError = blocked || (!isSet && !(leaf in node))
            const error = reason(() =>
              isSet ? d.setFieldValue(dotted, new XNumber(String(value))) : d.removeField(dotted),
            )
            expect(error === 'no error').toBe(!expectError)
            if (!expectError) {
              if (isSet) node[leaf] = value
              else delete node[leaf]
            }
          }
          const toPlain = (v: XContentValue): unknown =>
            v instanceof Map
              ? Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]))
              : (v as XNumber).value
          expect(toPlain(d.source)).toEqual(oracle)
        },
      ),
    )
  })
})

// validateIndexName against MetadataCreateIndexService (8.x) rules and its test
// MetadataCreateIndexServiceTests.testValidateIndexName ("must not contain '#'", "must not start with '_', '-',
// or '+'", "must be lowercase", "must not be '.' or '..'"), plus the byte-length rule.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { validateIndexName } from '../../../../workers/es/errors/index-name-validation.ts'
import { errorResponseBody } from '../../../../workers/es/errors/es-exception.ts'

const reason = (name: string): string | undefined => validateIndexName(name)?.reason

describe('validateIndexName', () => {
  it.each([
    [
      'index?name',
      `Invalid index name [index?name], must not contain the following characters ['\\','/','*','?','"','<','>','|',' ',',']`,
    ],
    [
      'my index',
      `Invalid index name [my index], must not contain the following characters ['\\','/','*','?','"','<','>','|',' ',',']`,
    ],
    ['index#name', "Invalid index name [index#name], must not contain '#'"],
    ['foo:bar', "Invalid index name [foo:bar], must not contain ':'"],
    ['_indexname', "Invalid index name [_indexname], must not start with '_', '-', or '+'"],
    ['-indexname', "Invalid index name [-indexname], must not start with '_', '-', or '+'"],
    ['+indexname', "Invalid index name [+indexname], must not start with '_', '-', or '+'"],
    ['INDEXNAME', 'Invalid index name [INDEXNAME], must be lowercase'],
    ['..', "Invalid index name [..], must not be '.' or '..'"],
    ['.', "Invalid index name [.], must not be '.' or '..'"],
    ['é'.repeat(128), `Invalid index name [${'é'.repeat(128)}], index name is too long, (256 > 255)`],
  ])('%s', (name, expected) => {
    expect(reason(name)).toBe(expected)
  })

  it('checks in Elasticsearch order: characters before case, prefix before length', () => {
    expect(reason('My Index')).toContain('must not contain the following characters')
    expect(reason('_' + 'a'.repeat(300))).toContain("must not start with '_', '-', or '+'")
    expect(reason('Ab#')).toBe("Invalid index name [Ab#], must not contain '#'")
  })

  it('accepts valid names, dots and unicode lowercase included', () => {
    for (const name of ['my-index-000001', '.kibana', 'logs.2024', 'café', 'a'.repeat(255), 'foo!bar2']) {
      expect(validateIndexName(name)).toBeNull()
    }
  })

  it('renders with index_uuid _na_ as in elastic/elasticsearch#29503', () => {
    const error = validateIndexName('Test')
    expect(error && errorResponseBody(error)).toBe(
      '{"error":{"root_cause":[{"type":"invalid_index_name_exception","reason":"Invalid index name [Test], must be lowercase","index_uuid":"_na_","index":"Test"}],"type":"invalid_index_name_exception","reason":"Invalid index name [Test], must be lowercase","index_uuid":"_na_","index":"Test"},"status":400}',
    )
  })

  it('agrees with a direct statement of the rules', () => {
    const name = fc.string({ unit: fc.constantFrom(...'abAB_-+.#:/ é,0'.split('')), maxLength: 6 })
    fc.assert(
      fc.property(name, (n) => {
        const valid =
          !/[\\/*?"<>| ,#:]/.test(n) &&
          !/^[_\-+]/.test(n) &&
          new TextEncoder().encode(n).length <= 255 &&
          n !== '.' &&
          n !== '..' &&
          n === n.toLowerCase()
        expect(validateIndexName(n) === null).toBe(valid)
      }),
    )
  })
})

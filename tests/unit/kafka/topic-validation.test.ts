// Topic name validation against org.apache.kafka.common.internals.Topic.detectInvalidTopic and
// validate(name, "Topic name", ...): the exact InvalidTopicException texts, and legality against a
// character-by-character oracle.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INTERNAL_TOPICS, validateTopicName } from '../../../workers/kafka/metadata/topic-validation.ts'

describe('validateTopicName', () => {
  it.each([
    ['', 'Topic name is invalid: the empty string is not allowed'],
    ['.', "Topic name is invalid: '.' is not allowed"],
    ['..', "Topic name is invalid: '..' is not allowed"],
    [
      'a b',
      "Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    ],
    [
      'caf\u00e9',
      "Topic name is invalid: 'caf\u00e9' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    ],
    [
      'a/b',
      "Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    ],
  ])('refuses %j', (name, message) => {
    expect(validateTopicName(name)).toBe(message)
  })

  it('accepts 249 characters and refuses 250 with the length message (length checked before characters)', () => {
    expect(validateTopicName('a'.repeat(249))).toBeNull()
    const long = `${'a'.repeat(249)} `
    expect(validateTopicName(long)).toBe(
      `Topic name is invalid: the length of '${long}' is longer than the max allowed length 249`,
    )
  })

  it.each(['orders', '...', '.a', 'a..b', '__consumer_offsets', 'Topic-1_x.Y', '-'])('accepts %j', (name) => {
    expect(validateTopicName(name)).toBeNull()
  })

  it('agrees with Kafka containsValidPattern on random names (property)', () => {
    const legal = (c: string): boolean =>
      (c >= 'a' && c <= 'z') ||
      (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9') ||
      c === '.' ||
      c === '_' ||
      c === '-'
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }), (name) => {
        const expectValid = name !== '.' && name !== '..' && [...name].every(legal) && name.length <= 249
        expect(validateTopicName(name) === null).toBe(expectValid)
      }),
    )
  })

  it('knows Kafka internal topics', () => {
    expect([...INTERNAL_TOPICS].sort()).toEqual([
      '__cluster_metadata',
      '__consumer_offsets',
      '__transaction_state',
    ])
  })
})

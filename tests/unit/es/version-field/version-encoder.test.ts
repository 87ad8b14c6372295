// VersionEncoder's encoding as x-pack mapper-version writes it (VersionEncoder.java, VersionEncoderTests): digit groups
// as 0x01, length | 0x80 and the digits, 0x02 before a pre-release or 0x03 without one, illegal versions as they are.
import { describe, expect, it } from 'vitest'
import { decodeVersion, encodeVersion } from '../../../../workers/es/index/mapper/version-field.ts'

const bytes = (term: string): number[] => [...term].map((c) => c.charCodeAt(0))

describe('encodeVersion', () => {
  it('writes each digit group with its length and marks the pre-release', () => {
    expect(bytes(encodeVersion('1.10.3'))).toEqual([1, 0x81, 49, 46, 1, 0x82, 49, 48, 46, 1, 0x81, 51, 3])
    expect(bytes(encodeVersion('1.0.0-rc.12+b7'))).toEqual([
      1, 0x81, 49, 46, 1, 0x81, 48, 46, 1, 0x81, 48, 2, 45, 114, 99, 46, 1, 0x82, 49, 50, 43, 98, 55,
    ])
  })

  it('keeps illegal versions as their text, the empty one as 0x03', () => {
    expect(encodeVersion('1.02.3')).toBe('1.02.3')
    expect(encodeVersion('foo')).toBe('foo')
    expect(encodeVersion('1.0.0-')).toBe('1.0.0-')
    expect(encodeVersion('')).toBe('\u0003')
    expect(encodeVersion(Array.from({ length: 33 }, () => '1').join('.'))).toBe(
      Array.from({ length: 33 }, () => '1').join('.'),
    )
  })

  it('sorts by semver precedence, illegal versions last', () => {
    const versions = [
      'abc',
      '2.0.0',
      '1.10.0',
      '1.0.0',
      '1.0.0-beta',
      '1.0.0-alpha.beta',
      '1.0.0-alpha.1',
      '1.0.0-alpha',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '1.0.0-rc.1',
      '1.2.0',
      '1.0.0+build',
    ]
    const sorted = [...versions].sort((a, b) => {
      const [x, y] = [encodeVersion(a), encodeVersion(b)]
      return x < y ? -1 : x > y ? 1 : 0
    })
    expect(sorted).toEqual([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.0+build',
      '1.2.0',
      '1.10.0',
      '2.0.0',
      'abc',
    ])
  })

  it('decodes back to the version text', () => {
    for (const version of ['1.0.0-rc.12+b7', '1.2.3.4.5', '0.0.1-alpha', 'not a version', ''])
      expect(decodeVersion(encodeVersion(version))).toBe(version)
  })
})

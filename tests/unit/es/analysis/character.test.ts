// java.lang.Character semantics at the JDK 23 (Unicode 15.1) level, from the JDK's documented behaviour:
// toLowerCase(int) is the simple UnicodeData mapping (U+0130 -> U+0069, U+03A3 -> U+03C3 everywhere),
// isLetter(int) is General_Category L*, isWhitespace(int) excludes the no-break spaces.
import { describe, expect, it } from 'vitest'
import {
  isLetter,
  isWhitespace,
  lowerCaseTerm,
  toLowerCase,
} from '../../../../workers/es/analysis/unicode/character.ts'

describe('Character.toLowerCase', () => {
  it('maps one code point to one code point, without locale or context', () => {
    expect(toLowerCase(0x0130)).toBe(0x0069) // 'İ' -> 'i' (String.toLowerCase gives 'i̇', two chars)
    expect(lowerCaseTerm('ΟΔΟΣ')).toBe('οδοσ') // no final sigma: String.toLowerCase gives 'οδος'
    expect('ΟΔΟΣ'.toLowerCase()).toBe('οδος')
    expect(lowerCaseTerm('İSTANBUL')).toBe('istanbul')
    expect(toLowerCase(0x1e9e)).toBe(0x00df) // 'ẞ' -> 'ß'
    expect(toLowerCase(0x212a)).toBe(0x006b) // KELVIN SIGN -> 'k'
    expect(toLowerCase(0x01c5)).toBe(0x01c6) // 'ǅ' titlecase -> 'ǆ'
    expect(toLowerCase(0x10400)).toBe(0x10428) // DESERET CAPITAL LONG I, a supplementary pair
    expect(toLowerCase(0x1e921)).toBe(0x1e943) // ADLAM CAPITAL SHA
    expect(toLowerCase(0x00df)).toBe(0x00df)
    expect(toLowerCase(0xd800)).toBe(0xd800)
  })

  it('lowerCaseTerm keeps lone surrogates and returns ASCII lower case unchanged', () => {
    expect(lowerCaseTerm('ABC\ud800Z')).toBe('abc\ud800z')
    const plain = 'already lower 123'
    expect(lowerCaseTerm(plain)).toBe(plain)
    expect(lowerCaseTerm('Élan 𐐀')).toBe('élan 𐐨')
  })
})

describe('Character.isLetter and Character.isWhitespace', () => {
  it('isLetter is General_Category L', () => {
    for (const letter of [0x41, 0x7a, 0xaa, 0x2b0, 0x5d0, 0x4e00, 0x3042, 0x10300, 0x20000, 0x31350]) {
      expect(isLetter(letter), letter.toString(16)).toBe(true)
    }
    for (const other of [0x30, 0x20, 0x5f, 0x300, 0x2160, 0x1f4a9, 0xd800, 0x10ffff]) {
      expect(isLetter(other), other.toString(16)).toBe(false)
    }
  })

  it('isWhitespace follows the JDK list', () => {
    for (const space of [
      0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1f, 0x20, 0x1680, 0x2000, 0x200a, 0x2028, 0x3000,
    ]) {
      expect(isWhitespace(space), space.toString(16)).toBe(true)
    }
    for (const other of [0x00, 0x08, 0x0e, 0x85, 0xa0, 0x180e, 0x2007, 0x200b, 0x202f, 0xfeff, 0x41]) {
      expect(isWhitespace(other), other.toString(16)).toBe(false)
    }
  })
})

// Java's Double.parseDouble as common/java-double.ts reads it (FloatingDecimal.readJavaFormatString): the
// decimal forms with an optional f/F/d/D suffix, NaN and Infinity with a sign but no suffix, Java's trim.
import { describe, expect, it } from 'vitest'
import { parseJavaDouble } from '../../../workers/net/java-double.ts'

describe('parseJavaDouble', () => {
  it('reads the decimal forms, with a suffix and around Java-trimmed text', () => {
    expect(['1', '-1.5', '.5', '5.', '1e3', '+2.5E-1', '7f', '7.0D', ' \t3\n'].map(parseJavaDouble)).toEqual([
      1, -1.5, 0.5, 5, 1000, 0.25, 7, 7, 3,
    ])
  })

  it('reads NaN and Infinity with a sign, but refuses them with a suffix as Java does', () => {
    expect(['NaN', '-NaN', 'Infinity', '-Infinity', '+Infinity'].map(parseJavaDouble)).toEqual([
      NaN,
      NaN,
      Infinity,
      -Infinity,
      Infinity,
    ])
    expect(
      ['NaNd', 'Infinityf', '-InfinityD', 'NaNF', 'e3', '1e', '0x1p3', '', 'f'].map(parseJavaDouble),
    ).toEqual([null, null, null, null, null, null, null, null, null])
  })
})

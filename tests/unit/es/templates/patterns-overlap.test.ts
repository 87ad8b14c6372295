// The overlap test of index patterns (MetadataIndexTemplateService.findConflictingV2Templates intersects
// the patterns' automata): checked against brute force, every string over the patterns' alphabet up to the
// length of both patterns together (a shortest common match is never longer).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { patternsOverlap } from '../../../../workers/es/cluster/metadata/metadata-index-template-service.ts'
import { simpleMatch } from '../../../../workers/es/common/simple-match.ts'

function strings(alphabet: readonly string[], maxLength: number): string[] {
  let level = ['']
  const all = ['']
  for (let length = 1; length <= maxLength; length++) {
    level = level.flatMap((prefix) => alphabet.map((c) => prefix + c))
    all.push(...level)
  }
  return all
}

describe('patternsOverlap', () => {
  it('known cases', () => {
    expect(patternsOverlap(['logs-*'], ['lo*'])).toBe(true)
    expect(patternsOverlap(['logs-*'], ['metrics-*'])).toBe(false)
    expect(patternsOverlap(['*-a'], ['b-*'])).toBe(true)
    expect(patternsOverlap(['a*b'], ['b*a'])).toBe(false)
    expect(patternsOverlap(['abc'], ['abc'])).toBe(true)
    expect(patternsOverlap(['x', 'y*'], ['z', '*y'])).toBe(true)
  })

  it('agrees with brute force over {a,b}', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 4 }).map((chars) => chars.join(''))
    const universe = strings(['a', 'b'], 8)
    fc.assert(
      fc.property(pattern, pattern, (p, q) => {
        const brute = universe.some((s) => simpleMatch(p, s) && simpleMatch(q, s))
        expect(patternsOverlap([p], [q])).toBe(brute)
      }),
      { numRuns: 500 },
    )
  })
})

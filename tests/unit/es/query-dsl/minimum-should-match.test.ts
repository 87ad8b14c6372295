// minimum_should_match as Elasticsearch 8's Queries.calculateMinShouldMatch reads it, with the examples of the
// "minimum_should_match parameter" reference page (integers, negatives, percentages, conditional steps).
import { describe, expect, it } from 'vitest'
import { parseMinimumShouldMatch } from '../../../../workers/es/search/queries/minimum-should-match.ts'

describe('parseMinimumShouldMatch', () => {
  it.each<[string, number, number]>([
    ['3', 5, 3],
    ['-2', 5, 3],
    ['75%', 4, 3],
    ['75%', 5, 3],
    ['-25%', 4, 3],
    ['-25%', 5, 4],
    ['3<90%', 3, 3],
    ['3<90%', 10, 9],
    ['2<-25% 9<-3', 2, 2],
    ['2<-25% 9<-3', 5, 4],
    ['2<-25% 9<-3', 10, 7],
    ['2 < -25%  9 < -3', 10, 7],
    ['-10', 3, 0],
    ['5', 3, 5],
    ['100%', 3, 3],
    ['33%', 3, 0],
  ])('%s of %i optional clauses → %i', (spec, optional, expected) => {
    expect(parseMinimumShouldMatch(spec, optional)).toBe(expected)
  })

  it('an absent spec requires none; a bad number is Java NumberFormatException text', () => {
    expect(parseMinimumShouldMatch(null, 4)).toBe(0)
    expect(() => parseMinimumShouldMatch('abc', 4)).toThrow('For input string: "abc"')
    expect(() => parseMinimumShouldMatch('1.5%', 4)).toThrow('For input string: "1.5"')
  })
})

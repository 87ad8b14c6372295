// WellKnownText's reading and printing, and the planar relations of shape-relations.ts against a brute-force
// oracle on a grid: for point-only stored shapes, intersects/within/contains reduce to point-in-polygon facts.
import { describe, expect, it } from 'vitest'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { parseWkt, toWkt } from '../../../../workers/es/common/geo/well-known-text.ts'
import { componentsOf, type Component } from '../../../../workers/es/common/geo/shape-components.ts'
import { relate } from '../../../../workers/es/common/geo/shape-relations.ts'

const identity = (x: number, y: number): readonly [number, number] => [x, y]
const shape = (wkt: string): Component[] => componentsOf(parseWkt(wkt, false), identity, true)

function failure(wkt: string): string {
  try {
    parseWkt(wkt, false)
  } catch (error) {
    if (error instanceof EsException) return `${error.type}: ${error.reason}`
    throw error
  }
  return 'parsed'
}

describe('WellKnownText', () => {
  it('reads every type in any case, EMPTY, Z and comments, and prints them back', () => {
    const texts = [
      'POINT (1.0 2.0)',
      'POINT EMPTY',
      'MULTIPOINT (1.0 2.0, 3.0 4.0)',
      'LINESTRING (1.0 2.0, 3.0 4.0)',
      'MULTILINESTRING ((1.0 2.0, 3.0 4.0),(5.0 6.0, 7.0 8.0))',
      'POLYGON ((0.0 0.0, 4.0 0.0, 4.0 4.0, 0.0 0.0), (1.0 1.0, 2.0 1.0, 2.0 2.0, 1.0 1.0))',
      'MULTIPOLYGON (((0.0 0.0, 1.0 0.0, 1.0 1.0, 0.0 0.0)),((5.0 5.0, 6.0 5.0, 6.0 6.0, 5.0 5.0)))',
      'GEOMETRYCOLLECTION (POINT (1.0 2.0),LINESTRING (1.0 2.0, 3.0 4.0))',
      'BBOX (1.0, 2.0, 4.0, 3.0)',
      'POINT (1.0 2.0 3.0)',
    ]
    const java = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n))
    for (const text of texts) expect(toWkt(parseWkt(text, false), java)).toBe(text)
    expect(toWkt(parseWkt('point Z (1 2 3) # a comment', false), String)).toBe('POINT (1 2 3)')
    expect(toWkt(parseWkt('polygon ((0 0, 1 0, 1 1))', true), String)).toBe('POLYGON ((0 0, 1 0, 1 1, 0 0))')
  })

  it("refuses bad text with WellKnownText's messages", () => {
    expect(failure('POINT (1 2')).toBe('parse_exception: expected word but found: END-OF-STREAM')
    expect(failure('POINT (1 2 3 4)')).toBe('parse_exception: expected ) but found: 4')
    expect(failure('POINT 1 2')).toBe('parse_exception: expected EMPTY or ( but found: 1')
    expect(failure('LINESTRING (1 2 3 4 5)')).toBe('parse_exception: expected , or ) but found: 4')
    expect(failure('LINESTRING (1 2; 3 4)')).toBe("parse_exception: expected word but found: ';'")
    expect(failure('MULTIPOINT (1 2 3, 4 5)')).toBe(
      "parse_exception: coordinate dimensions do not match: ')'",
    )
    expect(failure('BBOX (1, 2, 3 4)')).toBe('parse_exception: expected , but found: 4')
    expect(failure('POINT z (1 2 3)')).toBe('parse_exception: expected EMPTY or ( but found: z')
    expect(failure('POINT Z (1 2)')).toBe(
      "illegal_argument_exception: When specifying 'Z' or 'M', coordinates must include three values. Only two coordinates were provided",
    )
    expect(failure('LINESTRING (1 2)')).toBe(
      'illegal_argument_exception: at least two points in the line is required',
    )
    expect(failure('BBOX (1, 2, 3, 4)')).toBe('illegal_argument_exception: max y cannot be less than min y')
  })
})

describe('shape relations', () => {
  const square = shape('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))')

  function inside(x: number, y: number): boolean {
    const inShell = x >= 0 && x <= 10 && y >= 0 && y <= 10
    const inHole = x > 4 && x < 6 && y > 4 && y < 6
    return inShell && !inHole
  }

  it('agrees with a direct point test on a grid, boundaries included', () => {
    for (let x = -2; x <= 12; x += 0.5) {
      for (let y = -2; y <= 12; y += 0.5) {
        const point = shape(`POINT (${x} ${y})`)
        const expected = inside(x, y)
        expect(relate(point, square, 'intersects'), `${x} ${y}`).toBe(expected)
        expect(relate(point, square, 'within'), `${x} ${y}`).toBe(expected)
        expect(relate(point, square, 'disjoint'), `${x} ${y}`).toBe(!expected)
        expect(relate(square, point, 'contains'), `${x} ${y}`).toBe(expected)
      }
    }
  })

  it('sees a line cross a hole, and a polygon leave through a concave notch', () => {
    expect(relate(shape('LINESTRING (4.5 4.5, 5.5 5.5)'), square, 'intersects')).toBe(false)
    expect(relate(shape('LINESTRING (3 5, 7 5)'), square, 'intersects')).toBe(true)
    expect(relate(shape('LINESTRING (3 5, 7 5)'), square, 'within')).toBe(false)
    expect(relate(shape('LINESTRING (1 1, 3 1)'), square, 'within')).toBe(true)
    const notch = shape('POLYGON ((0 0, 10 0, 10 10, 5 5, 0 10, 0 0))')
    expect(relate(shape('POLYGON ((1 8, 9 8, 9 9, 1 9, 1 8))'), notch, 'within')).toBe(false)
    expect(relate(shape('POLYGON ((1 1, 9 1, 9 2, 1 2, 1 1))'), notch, 'within')).toBe(true)
    expect(relate(shape('POINT (5 7)'), notch, 'intersects')).toBe(false)
  })
})

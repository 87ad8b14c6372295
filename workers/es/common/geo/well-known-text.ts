/**
 * WellKnownText (libs/geo) for the shape fields and queries: `fromWKT` reads POINT, MULTIPOINT, LINESTRING,
 * MULTILINESTRING, POLYGON (holes after the shell), MULTIPOLYGON, GEOMETRYCOLLECTION, BBOX (minX, maxX, maxY, minY)
 * and CIRCLE (x y radius), in any case, each possibly EMPTY and followed by Z or M; `toWKT` prints a geometry back.
 *
 * Tokens are java.io.StreamTokenizer's as WellKnownText sets it up: words of letters, digits, `-`, `+`, `.` and the
 * characters 160-255; blanks (space, tab, CR, LF) separate; `#` comments out the rest of its line; any other
 * character is a token of its own. Numbers are words read by Double.parseDouble (`NaN` in any case too). Failures
 * are java.text.ParseException (ES: `parse_exception`) "expected word but found: x", "expected number but found: x",
 * "invalid number found: x", "expected EMPTY or ( but found: x", "expected ) but found: x", "expected , or ) but found: x",
 * "expected , but found: x",
 * "expected ( but found: x", "coordinate dimensions do not match: x" (x the token: a word itself, END-OF-STREAM, or a
 * character in quotes), or IllegalArgumentException "Unknown geometry type: t" and "When specifying 'Z' or 'M',
 * coordinates must include three values. Only two coordinates were provided"; geometry.ts's constructor checks apply.
 * With `coerce` an unclosed polygon ring is closed with its first point. Text after the geometry is not read.
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import {
  checkedEnvelope,
  checkedLine,
  checkedRing,
  hasZ,
  type Coordinate,
  type Geometry,
} from './geometry.ts'

const EOF = Symbol('eof')
type Token = string | typeof EOF

function parseException(reason: string): EsException {
  return new EsException({ type: 'parse_exception', reason, status: 400, rootCause: false })
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 43 ||
    c === 46 ||
    (c >= 160 && c <= 255)
  )
}

class Tokenizer {
  private at = 0
  private pushed: { token: Token; word: boolean } | null = null
  /** The last token read and whether it was a word (StreamTokenizer's ttype). */
  last: { token: Token; word: boolean } = { token: EOF, word: false }

  constructor(private readonly text: string) {}

  next(): { token: Token; word: boolean } {
    if (this.pushed !== null) {
      this.last = this.pushed
      this.pushed = null
      return this.last
    }
    const text = this.text
    for (;;) {
      while (this.at < text.length && ' \t\r\n'.includes(text[this.at]!)) this.at++
      if (text[this.at] !== '#') break
      while (this.at < text.length && text[this.at] !== '\n' && text[this.at] !== '\r') this.at++
    }
    if (this.at >= text.length) return (this.last = { token: EOF, word: false })
    const start = this.at
    if (isWordChar(text.charCodeAt(start))) {
      while (this.at < text.length && isWordChar(text.charCodeAt(this.at))) this.at++
      return (this.last = { token: text.slice(start, this.at), word: true })
    }
    this.at++
    return (this.last = { token: text[start]!, word: false })
  }

  pushBack(): void {
    this.pushed = this.last
  }

  /** WellKnownText.tokenString of the last token. */
  describe(): string {
    const { token, word } = this.last
    if (token === EOF) return 'END-OF-STREAM'
    return word ? token : `'${token}'`
  }
}

function nextWord(t: Tokenizer): string {
  const { token, word } = t.next()
  if (word) return (token as string).toUpperCase() === 'EMPTY' ? 'EMPTY' : (token as string)
  if (token === '(' || token === ')' || token === ',') return token
  throw parseException(`expected word but found: ${t.describe()}`)
}

function nextNumber(t: Tokenizer): number {
  const { token, word } = t.next()
  if (word) {
    const text = token as string
    if (text.toUpperCase() === 'NAN') return NaN
    const value = parseJavaDouble(text)
    if (value === null) throw parseException(`invalid number found: ${text}`)
    return value
  }
  throw parseException(`expected number but found: ${t.describe()}`)
}

function isNumberNext(t: Tokenizer): boolean {
  const { word } = t.next()
  t.pushBack()
  return word
}

function expect(t: Tokenizer, wanted: string): void {
  if (nextWord(t) !== wanted) throw parseException(`expected ${wanted} but found: ${t.describe()}`)
}

/** True when EMPTY follows, false after `(`. */
function emptyOrOpen(t: Tokenizer): boolean {
  const next = nextWord(t)
  if (next === 'EMPTY') return true
  if (next === '(') return false
  throw parseException(`expected EMPTY or ( but found: ${t.describe()}`)
}

/** `)` or `,`: whether a comma came. */
function commaOrCloser(t: Tokenizer): boolean {
  const next = nextWord(t)
  if (next === ',') return true
  if (next === ')') return false
  throw parseException(`expected , or ) but found: ${t.describe()}`)
}

function isZOrMNext(t: Tokenizer): boolean {
  let word: string
  try {
    word = nextWord(t)
  } catch {
    return false
  }
  if (word === 'Z' || word === 'M') return true
  t.pushBack()
  return false
}

function coordinates(t: Tokenizer): Coordinate[] {
  const out: Coordinate[] = []
  let withZ = 0
  do {
    const x = nextNumber(t)
    const y = nextNumber(t)
    const third = isNumberNext(t)
    const z = third ? nextNumber(t) : NaN
    if (third) withZ++
    out.push({ x, y, z })
    if (withZ > 0 && withZ !== out.length)
      throw parseException(`coordinate dimensions do not match: ${t.describe()}`)
  } while (commaOrCloser(t))
  return out
}

function closed(ring: Coordinate[], coerce: boolean): Coordinate[] {
  if (!coerce || ring.length === 0) return ring
  const first = ring[0]!
  const last = ring[ring.length - 1]!
  const same =
    Object.is(first.x, last.x) &&
    Object.is(first.y, last.y) &&
    (Number.isNaN(first.z) || Object.is(first.z, last.z))
  return same ? ring : [...ring, first]
}

function polygonRings(t: Tokenizer, coerce: boolean): Coordinate[][] {
  if (emptyOrOpen(t)) return []
  expect(t, '(')
  const shell = coordinates(t)
  const holes: Coordinate[][] = []
  while (commaOrCloser(t)) {
    expect(t, '(')
    holes.push(closed(coordinates(t), coerce))
    checkedRing(holes[holes.length - 1]!)
  }
  const rings = [closed(shell, coerce), ...holes]
  checkedRing(rings[0]!)
  return rings
}

function parseGeometry(t: Tokenizer, coerce: boolean, depth: number): Geometry {
  const type = nextWord(t).toLowerCase()
  const zOrM = isZOrMNext(t)
  let geometry: Geometry
  switch (type) {
    case 'point': {
      if (emptyOrOpen(t)) {
        geometry = { type: 'Point', point: null }
        break
      }
      const x = nextNumber(t)
      const y = nextNumber(t)
      const z = isNumberNext(t) ? nextNumber(t) : NaN
      expect(t, ')')
      geometry = { type: 'Point', point: { x, y, z } }
      break
    }
    case 'multipoint':
      geometry = { type: 'MultiPoint', points: emptyOrOpen(t) ? [] : coordinates(t) }
      break
    case 'linestring':
      geometry = { type: 'LineString', line: lineOf(t) }
      break
    case 'multilinestring': {
      const lines: (readonly Coordinate[])[] = []
      if (!emptyOrOpen(t))
        do lines.push(lineOf(t))
        while (commaOrCloser(t))
      geometry = { type: 'MultiLineString', lines }
      break
    }
    case 'polygon':
      geometry = { type: 'Polygon', rings: polygonRings(t, coerce) }
      break
    case 'multipolygon': {
      const polygons: Coordinate[][][] = []
      if (!emptyOrOpen(t))
        do polygons.push(polygonRings(t, coerce))
        while (commaOrCloser(t))
      geometry = { type: 'MultiPolygon', polygons }
      break
    }
    case 'bbox': {
      if (emptyOrOpen(t)) {
        geometry = { type: 'Envelope', bounds: null }
        break
      }
      const minX = nextNumber(t)
      expect(t, ',')
      const maxX = nextNumber(t)
      expect(t, ',')
      const maxY = nextNumber(t)
      expect(t, ',')
      const minY = nextNumber(t)
      expect(t, ')')
      geometry = checkedEnvelope(minX, maxX, maxY, minY)
      break
    }
    case 'geometrycollection': {
      const geometries: Geometry[] = []
      if (!emptyOrOpen(t)) {
        if (depth + 1 > 1000) throw parseException('maximum nested depth of 1000 exceeded')
        do geometries.push(parseGeometry(t, coerce, depth + 1))
        while (commaOrCloser(t))
      }
      geometry = { type: 'GeometryCollection', geometries }
      break
    }
    case 'circle': {
      if (emptyOrOpen(t)) {
        geometry = { type: 'Circle', center: null, radiusMeters: NaN }
        break
      }
      const x = nextNumber(t)
      const y = nextNumber(t)
      const radiusMeters = nextNumber(t)
      const z = isNumberNext(t) ? nextNumber(t) : NaN
      expect(t, ')')
      geometry = { type: 'Circle', center: { x, y, z }, radiusMeters }
      break
    }
    default:
      throw illegalArgumentException(`Unknown geometry type: ${type}`)
  }
  if (zOrM && !hasZ(geometry)) {
    throw illegalArgumentException(
      "When specifying 'Z' or 'M', coordinates must include three values. Only two coordinates were provided",
    )
  }
  return geometry
}

function lineOf(t: Tokenizer): readonly Coordinate[] {
  return emptyOrOpen(t) ? [] : checkedLine(coordinates(t))
}

/** WellKnownText.fromWKT, without the validator (see the header). */
export function parseWkt(text: string, coerce: boolean): Geometry {
  return parseGeometry(new Tokenizer(text), coerce, 0)
}

/** How toWkt prints: each number, and whether third values are printed. */
interface Printer {
  number: (n: number) => string
  withZ: boolean
}

function coordinateText(c: Coordinate, p: Printer): string {
  const xy = `${p.number(c.x)} ${p.number(c.y)}`
  return Number.isNaN(c.z) || !p.withZ ? xy : `${xy} ${p.number(c.z)}`
}

function listText(list: readonly Coordinate[], p: Printer): string {
  return list.length === 0 ? 'EMPTY' : `(${list.map((c) => coordinateText(c, p)).join(', ')})`
}

function ringsText(rings: ReadonlyArray<readonly Coordinate[]>, p: Printer): string {
  return rings.length === 0 ? 'EMPTY' : `(${rings.map((r) => listText(r, p)).join(', ')})`
}

function membersText<T>(members: readonly T[], text: (member: T) => string): string {
  return members.length === 0 ? 'EMPTY' : `(${members.map(text).join(',')})`
}

function wkt(geometry: Geometry, p: Printer): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT ${geometry.point === null ? 'EMPTY' : `(${coordinateText(geometry.point, p)})`}`
    case 'MultiPoint':
      return `MULTIPOINT ${listText(geometry.points, p)}`
    case 'LineString':
      return `LINESTRING ${listText(geometry.line, p)}`
    case 'MultiLineString':
      return `MULTILINESTRING ${membersText(geometry.lines, (l) => listText(l, p))}`
    case 'Polygon':
      return `POLYGON ${ringsText(geometry.rings, p)}`
    case 'MultiPolygon':
      return `MULTIPOLYGON ${membersText(geometry.polygons, (r) => ringsText(r, p))}`
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION ${membersText(geometry.geometries, (g) => wkt(g, p))}`
    case 'Envelope': {
      const b = geometry.bounds
      const n = p.number
      return b === null ? 'BBOX EMPTY' : `BBOX (${n(b.minX)}, ${n(b.maxX)}, ${n(b.maxY)}, ${n(b.minY)})`
    }
    case 'Circle': {
      const c = geometry.center
      if (c === null) return 'CIRCLE EMPTY'
      const z = Number.isNaN(c.z) || !p.withZ ? '' : ` ${p.number(c.z)}`
      return `CIRCLE (${p.number(c.x)} ${p.number(c.y)} ${p.number(geometry.radiusMeters)}${z})`
    }
  }
}

/**
 * WellKnownText.toWKT, each number printed by `number` (Java's Double.toString where ES prints it); `withZ` false
 * leaves third values out.
 */
export function toWkt(geometry: Geometry, number: (n: number) => string, withZ = true): string {
  return wkt(geometry, { number, withZ })
}

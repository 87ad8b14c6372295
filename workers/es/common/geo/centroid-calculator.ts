/**
 * ES's CentroidCalculator (org.elasticsearch.lucene.spatial): the centroid a shape field's doc value records for a
 * document, over every geometry of its value, as the mapper computes it from the parsed geometries' own coordinates
 * (not quantised). Only the highest dimension met counts (DimensionalShapeType: point < line < polygon; a higher one
 * restarts the sums): a point weighs 1; a line's segment its length (in the coordinates' units) at its midpoint, a
 * segment of length 0 being a point; a polygon each ring's area at the ring's centroid (the shoelace formula, holes
 * with negative weight), a polygon of area 0 its shell as a line; an envelope its area at its centre, or as the line
 * from its min to its max corner when its area is 0 (a min x above the max x is used as given, as ES's normalizer
 * keeps rectangles). A coordinate that is not finite is skipped. Sums are Kahan sums. The weight is reported as 0
 * when rounding made it negative.
 */
import { CompensatedSum } from '../../search/aggregations/metrics/compensated-sum.ts'
import type { Coordinate, Geometry } from './geometry.ts'

/** DimensionalShapeType's ordinal. */
export type ShapeDimension = 0 | 1 | 2

const POINT: ShapeDimension = 0
const LINE: ShapeDimension = 1
const POLYGON: ShapeDimension = 2

export interface ShapeCentroid {
  x: number
  y: number
  weight: number
  dimension: ShapeDimension
}

/** The running sums of one document's calculator. */
class Calculator {
  x = new CompensatedSum()
  y = new CompensatedSum()
  weight = new CompensatedSum()
  dimension: ShapeDimension = POINT

  add(x: number, y: number, weight: number, dimension: ShapeDimension): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return
    if (dimension === this.dimension) {
      this.x.add(x * weight)
      this.y.add(y * weight)
      this.weight.add(weight)
    } else if (dimension > this.dimension) {
      this.x = new CompensatedSum(x * weight)
      this.y = new CompensatedSum(y * weight)
      this.weight = new CompensatedSum(weight)
      this.dimension = dimension
    }
  }

  point(x: number, y: number): void {
    this.add(x, y, 1, POINT)
  }

  line(path: readonly Coordinate[]): void {
    for (let i = 0; i + 1 < path.length; i++) {
      const a = path[i]!
      const b = path[i + 1]!
      const dx = a.x - b.x
      const dy = a.y - b.y
      const length = Math.sqrt(dx * dx + dy * dy)
      if (length === 0) this.point(a.x, a.y)
      else this.add((a.x + b.x) / 2, (a.y + b.y) / 2, length, LINE)
    }
  }

  polygon(rings: ReadonlyArray<readonly Coordinate[]>): void {
    if (rings.length === 0) return
    const parts = rings.map((ring, i) => ringCentroid(ring, i > 0))
    let total = 0
    for (const part of parts) total += part.weight
    if (total === 0 && this.dimension !== POLYGON) this.line(rings[0]!)
    else for (const part of parts) this.add(part.x, part.y, part.weight, POLYGON)
  }

  visit(geometry: Geometry): void {
    switch (geometry.type) {
      case 'Point':
        if (geometry.point !== null && this.dimension === POINT)
          this.point(geometry.point.x, geometry.point.y)
        return
      case 'MultiPoint':
        if (this.dimension === POINT) for (const p of geometry.points) this.point(p.x, p.y)
        return
      case 'LineString':
        if (this.dimension !== POLYGON) this.line(geometry.line)
        return
      case 'MultiLineString':
        if (this.dimension !== POLYGON) for (const line of geometry.lines) this.line(line)
        return
      case 'Polygon':
        this.polygon(geometry.rings)
        return
      case 'MultiPolygon':
        for (const polygon of geometry.polygons) this.polygon(polygon)
        return
      case 'GeometryCollection':
        for (const member of geometry.geometries) this.visit(member)
        return
      case 'Envelope':
        if (geometry.bounds !== null) this.envelope(geometry.bounds)
        return
      case 'Circle':
        throw new Error('a circle has no centroid: documents refuse circles')
    }
  }

  envelope({ minX, maxX, maxY, minY }: { minX: number; maxX: number; maxY: number; minY: number }): void {
    const area = Math.abs((maxX - minX) * (maxY - minY))
    if (area !== 0) {
      this.add((maxX + minX) / 2, (maxY + minY) / 2, area, POLYGON)
    } else if (this.dimension !== POLYGON) {
      this.line([
        { x: minX, y: minY, z: NaN },
        { x: maxX, y: maxY, z: NaN },
      ])
    }
  }
}

/** A ring's centroid and signed area (negative for a hole), as visitLinearRing computes them. */
function ringCentroid(ring: readonly Coordinate[], hole: boolean): { x: number; y: number; weight: number } {
  let area = 0
  for (let i = 0; i + 1 < ring.length; i++) area += ring[i]!.x * ring[i + 1]!.y - ring[i + 1]!.x * ring[i]!.y
  area = area / 2
  let sumX = 0
  let sumY = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!
    const b = ring[i + 1]!
    const twiceArea = a.x * b.y - b.x * a.y
    sumX += twiceArea * (a.x + b.x)
    sumY += twiceArea * (a.y + b.y)
  }
  return { x: sumX / (6 * area), y: sumY / (6 * area), weight: (hole ? -1 : 1) * Math.abs(area) }
}

/** The centroid of a document's geometries (see the header). */
export function shapeCentroid(geometries: readonly Geometry[]): ShapeCentroid {
  const calculator = new Calculator()
  for (const geometry of geometries) calculator.visit(geometry)
  const weight = calculator.weight.value
  return {
    x: calculator.x.value / weight,
    y: calculator.y.value / weight,
    weight: weight < 0 ? 0 : weight,
    dimension: calculator.dimension,
  }
}

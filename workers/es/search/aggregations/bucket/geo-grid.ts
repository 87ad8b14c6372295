/**
 * `geohash_grid` and `geotile_grid` as ES 8's GeoGridAggregator and InternalGeoGrid: each point of a document falls
 * in one cell, named by its geohash (precision 1..12, default 5; a distance such as "1km" picks the longest hash
 * of about that cell width, GeoUtils.geoHashLevelsForPrecision) or by its tile "zoom/x/y" (precision 0..29, default 7), from the quantised
 * point as decoded; a document counts once in each cell one of its points falls in. Buckets are ordered by doc_count
 * descending, then by the cell's long encoding descending (BucketPriorityQueue); a shard keeps shard_size of them
 * (default size·1.5 + 10), the reduce merges equal keys and keeps `size` (default 10000). Rendered as
 * `{"buckets": [{"key", "doc_count", ...sub-aggregations}]}`. Wire form: the type, size and the buckets' keys.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import { geohash, geohashLong, geotile, geotileLong, MAX_ZOOM } from '../../../common/geo/geo-encoding.ts'
import { parseDistance, METERS } from '../../../common/geo/distance-unit.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import { geoPointValues } from '../geo-values.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import {
  bucketToXContent,
  DocGroups,
  readBucket,
  reduceBucket,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

export type GeoGridType = 'geohash_grid' | 'geotile_grid'

export interface GeoGridBucket extends Bucket {
  key: string
}

export interface GeoGridWire extends AggregationWireHeader<'geo_grid'> {
  readonly gridType: GeoGridType
  readonly size: number
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: string }>
}

/** The long a cell's key encodes, which orders buckets of equal doc_count. */
function cellLong(type: GeoGridType, key: string): bigint {
  if (type === 'geohash_grid') return geohashLong(key)
  const [zoom, x, y] = key.split('/').map(Number) as [number, number, number]
  return geotileLong(zoom, x, y)
}

/** BucketPriorityQueue's order, best first. */
function ordered(type: GeoGridType, buckets: GeoGridBucket[], size: number): GeoGridBucket[] {
  const longs = new Map(buckets.map((b) => [b.key, cellLong(type, b.key)]))
  buckets.sort((a, b) => {
    if (a.docCount !== b.docCount) return b.docCount - a.docCount
    const x = longs.get(a.key)!
    const y = longs.get(b.key)!
    return x === y ? 0 : x > y ? -1 : 1
  })
  return buckets.slice(0, size)
}

export class InternalGeoGrid extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly gridType: GeoGridType,
    readonly size: number,
    readonly buckets: readonly GeoGridBucket[],
  ) {
    super(name, meta)
  }

  static readFrom(wire: GeoGridWire, read: ReadAggregations): InternalGeoGrid {
    const buckets = wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key }))
    return new InternalGeoGrid(wire.name, readMeta(wire.meta), wire.gridType, wire.size, buckets)
  }

  writeTo(): GeoGridWire {
    return {
      ...this.header('geo_grid'),
      gridType: this.gridType,
      size: this.size,
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key })),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const byKey = new Map<string, GeoGridBucket[]>()
    for (const part of all as readonly InternalGeoGrid[]) {
      for (const bucket of part.buckets) {
        const same = byKey.get(bucket.key)
        if (same === undefined) byKey.set(bucket.key, [bucket])
        else same.push(bucket)
      }
    }
    const merged = [...byKey].map(([key, same]) => ({ key, ...reduceBucket(same, context) }))
    const buckets = ordered(this.gridType, merged, this.size)
    context.buckets.accept(buckets.length)
    return new InternalGeoGrid(this.name, this.meta, this.gridType, this.size, buckets)
  }

  getType(): string {
    return this.gridType
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    out.set(
      'buckets',
      this.buckets.map((bucket) => bucketToXContent([['key', bucket.key]], bucket, params)),
    )
  }
}

const EARTH_EQUATOR = 2 * Math.PI * 6378137.0
const EARTH_POLAR_DISTANCE = Math.PI * 6356752.314245

/** GeoUtils.geoHashLevelsForPrecision: the geohash length whose cells are about `meters` wide. */
function geohashLevelsForPrecision(meters: number): number {
  if (meters === 0) return 24
  const ratio = 1 + EARTH_POLAR_DISTANCE / EARTH_EQUATOR
  const width = Math.sqrt((meters * meters) / (ratio * ratio))
  const part = Math.round(Math.ceil(EARTH_EQUATOR / width))
  let level = 0
  while (2 ** (level + 1) <= part) level++
  return part <= 2 ** level ? (level + 1) >> 1 : (level >> 1) + 1
}

function precisionOf(type: GeoGridType, params: AggregationParams): number {
  const raw = params.raw('precision')
  if (raw === undefined || raw === null) return type === 'geohash_grid' ? 5 : 7
  const text = params.string('precision') ?? ''
  let precision = Number(text)
  if (type === 'geohash_grid' && !/^[+-]?\d+$/.test(text.trim())) {
    const meters = parseDistance(text, METERS, METERS)
    if (meters === null) throw illegalArgumentException(`failed to parse precision [${text}]`)
    precision = geohashLevelsForPrecision(meters)
    if (precision > 12) {
      throw illegalArgumentException(
        `precision too high [${text}]`,
        illegalArgumentException(
          `Invalid geohash aggregation precision of ${precision}. Must be between 1 and 12.`,
        ),
      )
    }
  }
  if (type === 'geohash_grid' && (precision < 1 || precision > 12)) {
    throw illegalArgumentException(
      `Invalid geohash aggregation precision of ${precision}. Must be between 1 and 12.`,
    )
  }
  if (type === 'geotile_grid' && (precision < 0 || precision > MAX_ZOOM)) {
    throw illegalArgumentException(
      `Invalid geotile_grid precision of ${precision}. Must be between 0 and ${MAX_ZOOM}.`,
    )
  }
  return precision
}

function geoGridParser(type: GeoGridType): AggregationParser {
  return (name, body, meta, subs): AggregationBuilder => {
    const params = new AggregationParams(type, body, ['field', 'precision', 'size', 'shard_size', 'bounds'])
    const field = params.requiredField()
    const precision = precisionOf(type, params)
    if (params.has('bounds'))
      throw illegalArgumentException(`[${type}] [bounds] is not available in the playground`)
    const size = params.int('size') ?? 10000
    const shardSize = params.int('shard_size') ?? Math.floor(size * 1.5 + 10)
    if (size <= 0 || shardSize <= 0) {
      throw illegalArgumentException(
        `parameters [required_size] and [shard_size] must be > 0 in ${type} aggregation [${name}].`,
      )
    }
    const cell =
      type === 'geohash_grid'
        ? (lat: number, lon: number): string => geohash(lon, lat, precision)
        : (lat: number, lon: number): string => {
            const { x, y } = geotile(lon, lat, precision)
            return `${precision}/${x}/${y}`
          }
    return {
      name,
      type,
      meta,
      subs,
      collect(shard, docs) {
        const points = geoPointValues(shard, type, field)
        const groups = new DocGroups<string>()
        for (const doc of docs) for (const { lat, lon } of points(doc)) groups.add(cell(lat, lon), doc)
        const buckets = [...groups.groups].map(([key, inCell]) => ({
          key,
          ...shardBucket(subs, shard, inCell),
        }))
        return new InternalGeoGrid(name, meta, type, size, ordered(type, buckets, Math.max(size, shardSize)))
      },
    }
  }
}

export const geohashGridParser = geoGridParser('geohash_grid')
export const geotileGridParser = geoGridParser('geotile_grid')

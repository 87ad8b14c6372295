/**
 * Numeric columns of stored fields (stored-fields.ts): one value per document, packed as Lucene packs numeric doc
 * values, by subtracting the column's minimum and writing what remains in the fewest whole bytes: `_version` and
 * `_primary_term` are mostly one value (no byte per document), `_seq_no` of a segment a narrow range.
 *
 * Byte layout (little-endian, no padding): f64 min, u8 width, then count x `width` bytes (value - min, unsigned).
 * Width is 0 to 4; width 8 means the values themselves as f64 (a range of 2^32 or more).
 * Invariant: every value is a non-negative integer below 2^53 (or any f64 at width 8).
 */

const HEADER_BYTES = 9
const RAW = 8

/** The bytes a column of these values takes. */
export function columnBytes(values: ArrayLike<number>): number {
  return HEADER_BYTES + shapeOf(values).width * values.length
}

/** The column's minimum and width: the fewest whole bytes holding every value minus the minimum. */
function shapeOf(values: ArrayLike<number>): { min: number; width: number } {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!)
    max = Math.max(max, values[i]!)
  }
  const range = max - min
  if (values.length === 0 || range === 0) return { min: values.length === 0 ? 0 : min, width: 0 }
  if (!Number.isInteger(range) || range >= 2 ** 32) return { min: 0, width: RAW }
  return { min, width: Math.ceil(Math.log2(range + 1) / 8) }
}

/** Writes the column at `at`; answers where it ends. */
export function writeColumn(view: DataView, at: number, values: ArrayLike<number>): number {
  const { min, width } = shapeOf(values)
  view.setFloat64(at, min, true)
  view.setUint8(at + 8, width)
  let o = at + HEADER_BYTES
  for (let i = 0; i < values.length; i++, o += width) {
    if (width === RAW) {
      view.setFloat64(o, values[i]!, true)
      continue
    }
    const delta = values[i]! - min
    for (let b = 0; b < width; b++) view.setUint8(o + b, (delta >>> (8 * b)) & 0xff)
  }
  return o
}

/** A column of `count` values in `view` at `at`, read in place. */
export class ColumnReader {
  readonly end: number
  private readonly min: number
  private readonly width: number
  private readonly valuesAt: number

  /** Throws RangeError when the column does not fit the view. */
  constructor(
    private readonly view: DataView,
    at: number,
    count: number,
  ) {
    if (at + HEADER_BYTES > view.byteLength) throw new RangeError('stored fields: a column is cut')
    this.min = view.getFloat64(at, true)
    this.width = view.getUint8(at + 8)
    if (this.width > 4 && this.width !== RAW)
      throw new RangeError(`stored fields: column width ${this.width}`)
    this.valuesAt = at + HEADER_BYTES
    this.end = this.valuesAt + this.width * count
    if (this.end > view.byteLength) throw new RangeError('stored fields: a column is cut')
  }

  get(i: number): number {
    const at = this.valuesAt + this.width * i
    const view = this.view
    switch (this.width) {
      case 0:
        return this.min
      case 1:
        return this.min + view.getUint8(at)
      case 2:
        return this.min + view.getUint16(at, true)
      case 3:
        return this.min + (view.getUint16(at, true) | (view.getUint8(at + 2) << 16))
      case 4:
        return this.min + view.getUint32(at, true)
      default:
        return view.getFloat64(at, true)
    }
  }
}

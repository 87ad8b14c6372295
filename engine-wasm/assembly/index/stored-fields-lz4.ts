// The compressing side of the stored fields' LZ4 with a preset dictionary (the format and its decompressor:
// workers/es/index/shard/stored-fields-lz4.ts): each record compressed on its own against the segment's dictionary,
// as Lucene 9's BEST_SPEED stored fields mode compresses each sub-block after a dictionary of the chunk's first
// bytes. Matching is greedy: at each position the last occurrence of its 4 bytes in the dictionary (at most
// MAX_OFFSET before its end) and in the record so far, the longer match (the record's on a tie).
// One compression runs at a time (a segment's records, in chunks): begin (the dictionary), compress per chunk, end.
// As it writes, it counts how often each byte occurs in each part of a sequence (TOKEN_PART ...), the counts the
// Huffman stage (stored-fields-huffman.ts) builds its codes from.
// Memory: the tables and counts are raw heap blocks kept from one compression to the next (about 150 KiB); the
// window (dictionary, then the record being compressed) lives from begin to end.
// Invariant: a record's bytes depend only on the record and the dictionary, not on the records before it.

const MIN_MATCH: i32 = 4
const MAX_OFFSET: i32 = 0xffff
const HASH_BITS: u32 = 16
const DOC_HASH_BITS: u32 = 12
const HASH_MULTIPLIER: u32 = 0x9e3779b1
const MAX_INT: i32 = 0x7fffffff

// The parts of a sequence a byte can be (workers/es/index/shard/stored-fields-lz4.ts numbers them the same).
const TOKEN_PART: u32 = 0
const LITERAL_PART: u32 = 1
const LENGTH_PART: u32 = 2
const OFFSET_LOW_PART: u32 = 3
const OFFSET_HIGH_PART: u32 = 4
const LAST_TOKEN_PART: u32 = 5
const SEQUENCE_PARTS: u32 = 6

/** By hash, the last dictionary position a match can reach, as its distance from the dictionary's end; 0: none (u16). */
let dictTable: usize = 0
/**
 * By hash, the last position in a record, numbered on across records from 1 (0: none), so that an entry below the
 * current record's first number is an earlier record's: none (i32).
 */
let docTable: usize = 0
/** How often each byte was written in each part of a sequence, at (part << 8) | byte (u32). */
let counts: usize = 0
/** The dictionary, then the record being compressed. */
let window: usize = 0
let dictLength: i32 = 0
/** The number the next record's first byte gets. */
let nextBase: i32 = 1

/**
 * Starts a compression against the `length` bytes at `dictionary` (copied), for records of at most `maxRecord`
 * bytes; the counts start at zero.
 */
export function storedFieldsLz4Begin(dictionary: usize, length: i32, maxRecord: i32): void {
  if (dictTable == 0) {
    dictTable = heap.alloc(2 << HASH_BITS)
    docTable = heap.alloc(4 << DOC_HASH_BITS)
    counts = heap.alloc(4 * (SEQUENCE_PARTS << 8))
  }
  memory.fill(dictTable, 0, 2 << HASH_BITS)
  memory.fill(docTable, 0, 4 << DOC_HASH_BITS)
  memory.fill(counts, 0, 4 * (SEQUENCE_PARTS << 8))
  nextBase = 1
  if (window != 0) heap.free(window)
  window = heap.alloc(<usize>(length + max(maxRecord, 1)))
  memory.copy(window, dictionary, length)
  dictLength = length
  for (let at = max(0, length - MAX_OFFSET); at + MIN_MATCH <= length; at++)
    store<u16>(
      dictTable + ((<usize>((load<u32>(window + at) * HASH_MULTIPLIER) >> (32 - HASH_BITS))) << 1),
      length - at,
    )
}

/** Ends the compression (frees the window); answers the address of the counts, valid until the next storedFieldsLz4Begin. */
export function storedFieldsLz4End(): usize {
  heap.free(window)
  window = 0
  return counts
}

/**
 * Compresses `count` records lying one after another at `records`, record i ending `ends[i]` bytes after it (i32,
 * ascending), into `out` (room for the sum of each record's bound, stored-fields-lz4.ts); rewrites ends[i] to the
 * compressed record's end, counted from `out`; answers the bytes written.
 */
export function storedFieldsLz4(records: usize, ends: usize, count: i32, out: usize): i32 {
  let o = out
  let from = 0
  for (let i = 0; i < count; i++) {
    const slot = ends + 4 * <usize>i
    const end = load<i32>(slot)
    o = compressRecord(records + <usize>from, end - from, o)
    store<i32>(slot, <i32>(o - out))
    from = end
  }
  return <i32>(o - out)
}

/** Compresses one record of `length` bytes into `out`; answers the position after it. */
function compressRecord(record: usize, length: i32, out: usize): usize {
  const start = dictLength
  memory.copy(window + <usize>start, record, length)
  const end = start + length
  // the last position a match can start at (it needs MIN_MATCH bytes)
  const last = end - MIN_MATCH
  if (nextBase > MAX_INT - length) {
    memory.fill(docTable, 0, 4 << DOC_HASH_BITS)
    nextBase = 1
  }
  const base = nextBase
  nextBase += length + 1
  // a position's number is `at + numbering`
  const numbering = base - start
  let o = out
  let anchor = start
  let at = start
  // the 4 bytes at `at`, hashed once for both tables (a table's hash is the product's top bits)
  let current: u32 = at <= last ? load<u32>(window + at) : 0
  while (at <= last) {
    const mixed = current * HASH_MULTIPLIER
    const back = <i32>load<u16>(dictTable + ((<usize>(mixed >> (32 - HASH_BITS))) << 1))
    const docSlot = docTable + ((<usize>(mixed >> (32 - DOC_HASH_BITS))) << 2)
    const numbered = load<i32>(docSlot)
    const inDoc = numbered >= base ? numbered - numbering : -1
    store<i32>(docSlot, at + numbering)
    // A candidate counts when it is within reach and its first 4 bytes are the current ones.
    const inDict = start - back
    const fromDict =
      back != 0 && at - inDict <= MAX_OFFSET && load<u32>(window + inDict) == current
        ? matchLength(inDict, at, end)
        : 0
    const fromDoc =
      inDoc >= 0 && at - inDoc <= MAX_OFFSET && load<u32>(window + inDoc) == current
        ? matchLength(inDoc, at, end)
        : 0
    if (fromDict == 0 && fromDoc == 0) {
      at++
      if (at <= last) current = (current >> 8) | ((<u32>load<u8>(window + at + 3)) << 24)
      continue
    }
    const matchFrom = fromDoc >= fromDict ? inDoc : inDict
    const length = max(fromDict, fromDoc)
    o = sequence(o, anchor, at - anchor, at - matchFrom, length)
    at += length
    anchor = at
    if (at <= last) current = load<u32>(window + at)
  }
  return sequence(o, anchor, end - anchor, 0, 0)
}

/** How many bytes from `from` repeat those at `at`, up to `end`, given that the first MIN_MATCH do. */
function matchLength(from: i32, at: i32, end: i32): i32 {
  let length = MIN_MATCH
  for (; at + length + 4 <= end; length += 4) {
    // The first 4 bytes that differ: the equal ones before it are the difference's trailing zero bytes.
    const difference = load<u32>(window + from + length) ^ load<u32>(window + at + length)
    if (difference != 0) return length + <i32>(ctz(difference) >> 3)
  }
  while (at + length < end && load<u8>(window + from + length) == load<u8>(window + at + length)) length++
  return length
}

/** Writes one sequence at `o`: `literals` bytes from `anchor`, then (when matchLength > 0) the match. */
function sequence(o: usize, anchor: i32, literals: i32, offset: i32, matchLength: i32): usize {
  const extra = matchLength - MIN_MATCH
  put(
    o++,
    matchLength > 0 ? TOKEN_PART : LAST_TOKEN_PART,
    ((<u32>min(literals, 15)) << 4) | (matchLength > 0 ? <u32>min(extra, 15) : 0),
  )
  if (literals >= 15) o = writeLength(o, literals - 15)
  const source = window + <usize>anchor
  memory.copy(o, source, literals)
  const literalCounts = counts + 4 * (LITERAL_PART << 8)
  for (let i: usize = 0, stop = <usize>literals; i < stop; i++) {
    const slot = literalCounts + ((<usize>load<u8>(source + i)) << 2)
    store<u32>(slot, load<u32>(slot) + 1)
  }
  o += literals
  if (matchLength == 0) return o
  put(o++, OFFSET_LOW_PART, offset & 0xff)
  put(o++, OFFSET_HIGH_PART, (<u32>offset) >> 8)
  return extra >= 15 ? writeLength(o, extra - 15) : o
}

/** Writes `byte` at `at` as the given part of a sequence. */
function put(at: usize, part: u32, byte: u32): void {
  store<u8>(at, byte)
  const slot = counts + 4 * <usize>((part << 8) | byte)
  store<u32>(slot, load<u32>(slot) + 1)
}

/** Writes the bytes continuing a length past 15 (255 while 255 or more is left, then the rest). */
function writeLength(at: usize, length: i32): usize {
  let o = at
  let rest = length
  for (; rest >= 255; rest -= 255) put(o++, LENGTH_PART, 255)
  put(o++, LENGTH_PART, rest)
  return o
}

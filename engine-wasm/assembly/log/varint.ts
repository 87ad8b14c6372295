// Zig-zag varints as Kafka's ByteUtils reads them (Protocol Buffers' encoding): 7 bits per byte, low
// groups first, high bit set on every byte but the last; a signed value v is stored as (v << 1) ^ (v >> 63).
// A varint takes at most 5 bytes and a varlong at most 10; anything longer is malformed.
//
// Reading goes through one cursor (`cursor` .. `limit`) shared by the record walkers: a read past `limit`
// or an over-long varint sets `readFailed` and returns 0, so a walker checks the flag once per record.

export let cursor: usize = 0
export let limit: usize = 0
export let readFailed = false

export function startReading(from: usize, to: usize): void {
  cursor = from
  limit = to
  readFailed = false
}

export function failReading(): void {
  readFailed = true
}

export function seek(to: usize): void {
  cursor = to
}

export function readByte(): i32 {
  if (cursor >= limit) {
    readFailed = true
    return 0
  }
  return <i32>load<i8>(cursor++)
}

/** Moves the cursor over `length` bytes; fails when fewer remain. */
export function skip(length: i32): void {
  if (<usize>length > limit - cursor) readFailed = true
  else cursor += <usize>length
}

export function readVarint(): i32 {
  let raw: u32 = 0
  for (let shift: u32 = 0; shift < 35; shift += 7) {
    if (cursor >= limit) break
    const b = <u32>load<u8>(cursor++)
    raw |= (b & 0x7f) << shift
    if (b < 0x80) return (<i32>(raw >>> 1)) ^ -(<i32>(raw & 1))
  }
  readFailed = true
  return 0
}

export function readVarlong(): i64 {
  let raw: u64 = 0
  for (let shift: u64 = 0; shift < 70; shift += 7) {
    if (cursor >= limit) break
    const b = <u64>load<u8>(cursor++)
    raw |= (b & 0x7f) << shift
    if (b < 0x80) return (<i64>(raw >>> 1)) ^ -(<i64>(raw & 1))
  }
  readFailed = true
  return 0
}

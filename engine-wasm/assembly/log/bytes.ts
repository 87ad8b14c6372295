// Big-endian loads and stores on raw linear memory. Kafka writes every fixed-width field of a RecordBatch
// and of its index files big-endian (Java's ByteBuffer default); WebAssembly memory is little-endian, so
// each access swaps. Unaligned addresses are allowed.

export function loadI16BE(pointer: usize): i16 {
  return bswap<i16>(load<i16>(pointer))
}

export function loadI32BE(pointer: usize): i32 {
  return bswap<i32>(load<i32>(pointer))
}

export function loadI64BE(pointer: usize): i64 {
  return bswap<i64>(load<i64>(pointer))
}

export function storeI32BE(pointer: usize, value: i32): void {
  store<i32>(pointer, bswap<i32>(value))
}

export function storeI64BE(pointer: usize, value: i64): void {
  store<i64>(pointer, bswap<i64>(value))
}

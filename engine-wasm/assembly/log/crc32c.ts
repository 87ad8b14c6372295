// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of Kafka's RecordBatch v2
// (org.apache.kafka.common.utils.Crc32C). Table-driven, slicing-by-8: eight 256-entry u32 tables built
// once at module start; table k maps a byte to its CRC contribution k bytes further along the message.
// Invariant: crc32c of "123456789" is 0xE3069283.

const POLYNOMIAL: u32 = 0x82f63b78
// 8 tables x 256 entries x 4 bytes, in static memory.
const TABLES: usize = memory.data(8 * 256 * 4, 64)

function buildTables(): void {
  for (let n: u32 = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1
    store<u32>(TABLES + ((<usize>n) << 2), c)
  }
  for (let n: usize = 0; n < 256; n++) {
    let c = load<u32>(TABLES + (n << 2))
    for (let t: usize = 1; t < 8; t++) {
      c = load<u32>(TABLES + ((<usize>(c & 0xff)) << 2)) ^ (c >>> 8)
      store<u32>(TABLES + (t << 10) + (n << 2), c)
    }
  }
}
buildTables()

function entry(table: usize, index: u32): u32 {
  return load<u32>(TABLES + (table << 10) + ((<usize>(index & 0xff)) << 2))
}

/** The CRC-32C of `length` bytes at `pointer`. */
export function crc32c(pointer: usize, length: usize): u32 {
  let crc: u32 = 0xffffffff
  let p = pointer
  const end = pointer + length
  // Bytes one at a time until the rest is a multiple of 8 long.
  while (p < end && (end - p) & 7) crc = entry(0, crc ^ load<u8>(p++)) ^ (crc >>> 8)
  while (p < end) {
    const low = load<u32>(p) ^ crc
    const high = load<u32>(p, 4)
    crc =
      entry(7, low) ^
      entry(6, low >>> 8) ^
      entry(5, low >>> 16) ^
      entry(4, low >>> 24) ^
      entry(3, high) ^
      entry(2, high >>> 8) ^
      entry(1, high >>> 16) ^
      entry(0, high >>> 24)
    p += 8
  }
  return crc ^ 0xffffffff
}

// Compressed bytes made by real tools, for the compression tests. RECORDS_SECTION is the records section
// (bytes 61..) of PLAIN_BATCH, a batch of three records log.wasm encodes (its layout is checked against
// sarama's bytes in record-batch.test.ts). Each stream below compresses exactly RECORDS_SECTION:
// - JAVA_GZIP: java.util.zip.GZIPOutputStream(out, 8 KiB) behind a 16 KiB BufferedOutputStream, as
//   Kafka's GzipCompression.wrapForOutput builds it (OpenJDK 17);
// - LZ4_CLI: `lz4 -B4 -BI --no-frame-crc` (lz4 1.9.4): 64 KiB independent blocks, no content checksum, so
//   its frame header is byte for byte the one Kafka's Lz4BlockOutputStream writes (04 22 4D 18 60 40 82);
// - ZSTD_CLI: `zstd -3` (zstd 1.5.4): a frame with a compressed block and a content checksum, the frame
//   format zstd-jni (Kafka's ZstdFactory) writes.
// Snappy has no xerial command-line tool here; its fixtures come from klauspost/compress's xerial tests
// (snappy-java stream bytes) in compression-codecs.test.ts.

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16))

export const PLAIN_BATCH = hex(
  '0000000000000000000000b8ffffffff023d4f2c280000000000020000018bcfe568000000018bcfe56802ffffffffffffffff' +
    'ffffffffffff00000003640000000e6f726465722d314a7b226974656d223a22626f6f6b222c22717479223a312c22697465' +
    '6d223a22626f6f6b227d00640002020e6f726465722d324a7b226974656d223a22626f6f6b222c22717479223a322c226974' +
    '656d223a22626f6f6b227d0040000404012c7b226974656d223a2270656e222c22717479223a337d0202680276',
)

export const RECORDS_SECTION = PLAIN_BATCH.subarray(61)

export const JAVA_GZIP = hex(
  '1f8b08000000000000ff4b616060e0cb2f4a492dd235f4aa56ca2c49cd55b2524acacfcf56d2512a2ca954b232d44111ad65' +
    '48616062826a31c2aec5085d8b03030b0ba30e5c6d416a1e4ca9712d135306531900db7fb88d87000000',
)

export const LZ4_CLI = hex(
  '04224d1860408251000000f915640000000e6f726465722d314a7b226974656d223a22626f6f6b222c22717479223a312c16' +
    '00637d006400020233001f323300031c3233006540000404012c5f003470656e5e0070337d020268027600000000',
)

export const ZSTD_CLI = hex(
  '28b52ffd24877d0200c403640000000e6f726465722d314a7b226974656d223a22626f6f6b222c22717479223a312c7d0064' +
    '000202323240000404012c70656e337d020268027606006120e3a9a200724031ab32c83c2619563a8171',
)

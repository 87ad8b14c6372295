// Types for the parts of lz4js (no bundled types) that engine-wasm/src/log/compression/kafka-lz4.ts uses:
// LZ4 block compression and decompression over plain Uint8Arrays, and its xxHash32.

declare module 'lz4js' {
  /** Compresses src[sIndex, sIndex + sLength) into dst from 0; returns the compressed size (0: store raw). */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number
  /** Inflates src[sIndex, sIndex + sLength) into dst from dIndex; returns the index after the output. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number
  /** The worst-case compressed size of n bytes. */
  export function compressBound(n: number): number
}

declare module 'lz4js/xxh32.js' {
  /** xxHash32 of src[index, index + len) with `seed`, unsigned. */
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number
}

// Types for the parts of snappyjs (no bundled types) that engine-wasm/src/log/compression/xerial-snappy.ts
// uses: raw Snappy block compression and decompression of Uint8Arrays.

declare module 'snappyjs' {
  export function compress(uncompressed: Uint8Array): Uint8Array
  /** Throws Error('Invalid Snappy bitstream') on corrupt input. */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array
}

/**
 * The java.security.MessageDigest algorithms ES's ingest processors name (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`),
 * as synchronous pure functions of the whole message: processors run synchronously, and Web Crypto's digest is
 * asynchronous. Each follows its RFC (MD5: RFC 1321; SHA-1, SHA-256, SHA-512: FIPS 180-4): the message is padded
 * with 0x80, zeros and its bit length (little-endian for MD5, big-endian for the SHAs) to whole blocks, and the
 * result is the final state as bytes in the same byte order.
 */

export type DigestAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512'

/** The padded message as 32-bit words of `blockBytes`-byte blocks; the length field is 8 bytes (16 for SHA-512). */
function padToWords(
  message: Uint8Array,
  blockBytes: number,
  lengthBytes: number,
  littleEndian: boolean,
): Uint32Array {
  const total = Math.ceil((message.length + 1 + lengthBytes) / blockBytes) * blockBytes
  const padded = new Uint8Array(total)
  padded.set(message)
  padded[message.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setBigUint64(total - 8, BigInt(message.length) * 8n, littleEndian)
  const words = new Uint32Array(total / 4)
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, littleEndian)
  return words
}

function wordsToBytes(words: readonly number[], littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(words.length * 4)
  const view = new DataView(out.buffer)
  words.forEach((word, i) => view.setUint32(i * 4, word >>> 0, littleEndian))
  return out
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n))
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0)

function md5(message: Uint8Array): Uint8Array {
  const words = padToWords(message, 64, 8, true)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = h as [number, number, number, number]
    for (let i = 0; i < 64; i++) {
      const round = i >> 4
      let f: number
      let g: number
      if (round === 0) [f, g] = [(b & c) | (~b & d), i]
      else if (round === 1) [f, g] = [(d & b) | (~d & c), (5 * i + 1) & 15]
      else if (round === 2) [f, g] = [b ^ c ^ d, (3 * i + 5) & 15]
      else [f, g] = [c ^ (b | ~d), (7 * i) & 15]
      const sum = (a + f + MD5_K[i]! + words[block + g]!) | 0
      ;[a, d, c] = [d, c, b]
      b = (b + rotl(sum, MD5_SHIFTS[round * 4 + (i & 3)]!)) | 0
    }
    h[0] = (h[0]! + a) | 0
    h[1] = (h[1]! + b) | 0
    h[2] = (h[2]! + c) | 0
    h[3] = (h[3]! + d) | 0
  }
  return wordsToBytes(h, true)
}

function sha1(message: Uint8Array): Uint8Array {
  const words = padToWords(message, 64, 8, false)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Int32Array(80)
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) {
      w[t] = t < 16 ? words[block + t]! : rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1)
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let t = 0; t < 80; t++) {
      let f: number
      let k: number
      if (t < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999]
      else if (t < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1]
      else if (t < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
      else [f, k] = [b ^ c ^ d, 0xca62c1d6]
      const temp = (rotl(a, 5) + f + e + k + w[t]!) | 0
      ;[e, d, c, b, a] = [d, c, rotl(b, 30), a, temp]
    }
    h[0] = (h[0]! + a) | 0
    h[1] = (h[1]! + b) | 0
    h[2] = (h[2]! + c) | 0
    h[3] = (h[3]! + d) | 0
    h[4] = (h[4]! + e) | 0
  }
  return wordsToBytes(h, false)
}

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 4.2.2). */
const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]

function sha256(message: Uint8Array): Uint8Array {
  const words = padToWords(message, 64, 8, false)
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
  const w = new Int32Array(64)
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = words[block + t]!
      else {
        const x = w[t - 15]!
        const y = w[t - 2]!
        const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)
        const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)
        w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number]
    for (let t = 0; t < 64; t++) {
      const t1 =
        (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t]! + w[t]!) | 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
      ;[hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0]
    }
    ;[a, b, c, d, e, f, g, hh].forEach((value, i) => (h[i] = (h[i]! + value) | 0))
  }
  return wordsToBytes(h, false)
}

const MASK64 = (1n << 64n) - 1n
const rotr64 = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64

/** The first 64 bits of the fractional parts of the cube roots of the first 80 primes (FIPS 180-4 4.2.3). */
const SHA512_K = [
  '428a2f98d728ae22',
  '7137449123ef65cd',
  'b5c0fbcfec4d3b2f',
  'e9b5dba58189dbbc',
  '3956c25bf348b538',
  '59f111f1b605d019',
  '923f82a4af194f9b',
  'ab1c5ed5da6d8118',
  'd807aa98a3030242',
  '12835b0145706fbe',
  '243185be4ee4b28c',
  '550c7dc3d5ffb4e2',
  '72be5d74f27b896f',
  '80deb1fe3b1696b1',
  '9bdc06a725c71235',
  'c19bf174cf692694',
  'e49b69c19ef14ad2',
  'efbe4786384f25e3',
  '0fc19dc68b8cd5b5',
  '240ca1cc77ac9c65',
  '2de92c6f592b0275',
  '4a7484aa6ea6e483',
  '5cb0a9dcbd41fbd4',
  '76f988da831153b5',
  '983e5152ee66dfab',
  'a831c66d2db43210',
  'b00327c898fb213f',
  'bf597fc7beef0ee4',
  'c6e00bf33da88fc2',
  'd5a79147930aa725',
  '06ca6351e003826f',
  '142929670a0e6e70',
  '27b70a8546d22ffc',
  '2e1b21385c26c926',
  '4d2c6dfc5ac42aed',
  '53380d139d95b3df',
  '650a73548baf63de',
  '766a0abb3c77b2a8',
  '81c2c92e47edaee6',
  '92722c851482353b',
  'a2bfe8a14cf10364',
  'a81a664bbc423001',
  'c24b8b70d0f89791',
  'c76c51a30654be30',
  'd192e819d6ef5218',
  'd69906245565a910',
  'f40e35855771202a',
  '106aa07032bbd1b8',
  '19a4c116b8d2d0c8',
  '1e376c085141ab53',
  '2748774cdf8eeb99',
  '34b0bcb5e19b48a8',
  '391c0cb3c5c95a63',
  '4ed8aa4ae3418acb',
  '5b9cca4f7763e373',
  '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc',
  '78a5636f43172f60',
  '84c87814a1f0ab72',
  '8cc702081a6439ec',
  '90befffa23631e28',
  'a4506cebde82bde9',
  'bef9a3f7b2c67915',
  'c67178f2e372532b',
  'ca273eceea26619c',
  'd186b8c721c0c207',
  'eada7dd6cde0eb1e',
  'f57d4f7fee6ed178',
  '06f067aa72176fba',
  '0a637dc5a2c898a6',
  '113f9804bef90dae',
  '1b710b35131c471b',
  '28db77f523047d84',
  '32caab7b40c72493',
  '3c9ebe0a15c9bebc',
  '431d67c49c100d4c',
  '4cc5d4becb3e42b6',
  '597f299cfc657e2a',
  '5fcb6fab3ad6faec',
  '6c44198c4a475817',
].map((hex) => BigInt('0x' + hex))

const SHA512_H = [
  '6a09e667f3bcc908',
  'bb67ae8584caa73b',
  '3c6ef372fe94f82b',
  'a54ff53a5f1d36f1',
  '510e527fade682d1',
  '9b05688c2b3e6c1f',
  '1f83d9abfb41bd6b',
  '5be0cd19137e2179',
].map((hex) => BigInt('0x' + hex))

function sha512(message: Uint8Array): Uint8Array {
  const words = padToWords(message, 128, 16, false)
  const h = [...SHA512_H]
  const w: bigint[] = new Array<bigint>(80)
  for (let block = 0; block < words.length; block += 32) {
    for (let t = 0; t < 80; t++) {
      if (t < 16) {
        w[t] = (BigInt(words[block + 2 * t]!) << 32n) | BigInt(words[block + 2 * t + 1]!)
      } else {
        const x = w[t - 15]!
        const y = w[t - 2]!
        const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n)
        const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n)
        w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) & MASK64
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
    for (let t = 0; t < 80; t++) {
      const s1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n)
      const ch = (e & f) ^ (~e & MASK64 & g)
      const t1 = (hh + s1 + ch + SHA512_K[t]! + w[t]!) & MASK64
      const s0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n)
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) & MASK64
      ;[hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) & MASK64, c, b, a, (t1 + t2) & MASK64]
    }
    ;[a, b, c, d, e, f, g, hh].forEach((value, i) => (h[i] = (h[i]! + value) & MASK64))
  }
  const out = new Uint8Array(64)
  const view = new DataView(out.buffer)
  h.forEach((value, i) => view.setBigUint64(i * 8, value, false))
  return out
}

const DIGESTS: Readonly<Record<DigestAlgorithm, (message: Uint8Array) => Uint8Array>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-512': sha512,
}

/** MessageDigest.getInstance(algorithm).digest(message). */
export function messageDigest(algorithm: DigestAlgorithm, message: Uint8Array): Uint8Array {
  return DIGESTS[algorithm](message)
}

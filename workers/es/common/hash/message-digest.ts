/**
 * The java.security.MessageDigest algorithms ES's ingest processors name (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`),
 * as synchronous functions of the whole message (processors run synchronously; Web Crypto's digest is
 * asynchronous), on @noble/hashes.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'

export type DigestAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512'

const DIGESTS: Record<DigestAlgorithm, (message: Uint8Array) => Uint8Array> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-512': sha512,
}

/** MessageDigest.getInstance(algorithm).digest(message). */
export function messageDigest(algorithm: DigestAlgorithm, message: Uint8Array): Uint8Array {
  return DIGESTS[algorithm](message)
}

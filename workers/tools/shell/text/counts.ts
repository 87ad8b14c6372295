/**
 * The counts head and tail take (`-n 5`, `-c 2K`), read as coreutils' xstrtoumax with the suffixes
 * `bkKmMGTPEZYRQ`: b is 512, the letters are powers of 1024, and a letter followed by `B` a power of 1000
 * (`kB`, `MB`), followed by `iB` a power of 1024 again. A count too large for 2^64 is "unlimited", as head
 * treats it. Returns null for text that is not such a count.
 */
const POWERS = 'KMGTPEZYRQ'

export function parseCount(text: string): number | null {
  const match = /^\s*(\d+)(?:([bkKmMGTPEZYRQ])(B|iB)?)?$/.exec(text)
  if (!match) return null
  const digits = Number(match[1]!)
  const suffix = match[2]
  if (suffix === undefined) return digits
  if (suffix === 'b') return match[3] === undefined ? digits * 512 : null
  const power = POWERS.indexOf(suffix.toUpperCase()) + 1
  return digits * (match[3] === 'B' ? 1000 : 1024) ** power
}

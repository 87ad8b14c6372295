// The standard tokenizer's alphabet lookup: code point -> class id (see word-break-classes.ts).
// Layout: a 64 KiB Uint8Array for the BMP (one byte per code unit value, lone surrogates included) and,
// for supplementary code points, the run starts in ascending order with their class ids, binary searched.
// Invariant: every code point in 0..0x10FFFF falls in exactly one run; the runs are decoded once at load.
import { CLASS_FEATURES, CLASS_RUNS } from './word-break-classes.ts'

export const CLASS_COUNT = CLASS_FEATURES.length

/** The class id of every BMP code unit value (lone surrogates included), for scanners' inner loops. */
export const BMP_CLASSES = new Uint8Array(0x10000)
const supplementaryStarts: number[] = []
const supplementaryClasses: number[] = []

let runStart = 0
for (const run of CLASS_RUNS.split(' ')) {
  const colon = run.indexOf(':')
  const length = parseInt(run.slice(0, colon), 36)
  const classId = parseInt(run.slice(colon + 1), 36)
  const end = runStart + length
  if (runStart < 0x10000) BMP_CLASSES.fill(classId, runStart, Math.min(end, 0x10000))
  if (end > 0x10000) {
    supplementaryStarts.push(Math.max(runStart, 0x10000))
    supplementaryClasses.push(classId)
  }
  runStart = end
}
if (runStart !== 0x110000)
  throw new Error(`word-break class runs cover ${runStart} code points, not 0x110000`)

/** The class id of a code point (a lone surrogate is its own code point, of class 0). */
export function wordBreakClassOf(codePoint: number): number {
  if (codePoint < 0x10000) return BMP_CLASSES[codePoint] ?? 0
  let low = 0
  let high = supplementaryStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((supplementaryStarts[middle] ?? 0) <= codePoint) low = middle
    else high = middle - 1
  }
  return supplementaryClasses[low] ?? 0
}

/** The feature bitmask (WB_*, SCRIPT_*, EMOJI* constants) of a class id. */
export function classFeatures(classId: number): number {
  return CLASS_FEATURES[classId] ?? 0
}

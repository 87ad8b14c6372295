/**
 * What kafka-dump-log collects while it dumps and prints on stderr at the end (DumpLogSegments.main and
 * TimeIndexDumpErrors.printErrors, Kafka 4.1): index entries whose offset is not their batch's last offset
 * (`Mismatches in :<path>`, newest first as Scala's `list ::= pair` keeps them), time index timestamp
 * mismatches, out-of-order timestamps and offsets not found, then non-consecutive record offsets (newest
 * first). Files appear in the order they were first recorded.
 */
type Pairs = Map<string, Array<[number, number]>>

function add(map: Pairs, file: string, pair: [number, number], newestFirst: boolean): void {
  const pairs = map.get(file) ?? []
  if (newestFirst) pairs.unshift(pair)
  else pairs.push(pair)
  map.set(file, pairs)
}

export class DumpLogErrors {
  private readonly indexMismatches: Pairs = new Map()
  private readonly timestampMismatches: Pairs = new Map()
  private readonly outOfOrderTimestamps: Pairs = new Map()
  private readonly offsetsNotFound: Pairs = new Map()
  private readonly nonConsecutive: Pairs = new Map()

  indexMismatch(file: string, indexOffset: number, logOffset: number): void {
    add(this.indexMismatches, file, [indexOffset, logOffset], true)
  }

  timestampMismatch(file: string, indexTimestamp: number, logTimestamp: number): void {
    add(this.timestampMismatches, file, [indexTimestamp, logTimestamp], false)
  }

  outOfOrderTimestamp(file: string, indexTimestamp: number, previousTimestamp: number): void {
    add(this.outOfOrderTimestamps, file, [indexTimestamp, previousTimestamp], false)
  }

  offsetNotFound(file: string, indexOffset: number, logOffset: number): void {
    add(this.offsetsNotFound, file, [indexOffset, logOffset], false)
  }

  nonConsecutiveOffsets(file: string, previous: number, next: number): void {
    add(this.nonConsecutive, file, [previous, next], true)
  }

  /** The stderr text, in the order main prints it. */
  report(): string {
    let text = ''
    for (const [file, pairs] of this.indexMismatches) {
      text += `Mismatches in :${file}\n`
      for (const [index, log] of pairs) text += `  Index offset: ${index}, log offset: ${log}\n`
    }
    for (const [file, pairs] of this.timestampMismatches) {
      text += `Found timestamp mismatch in :${file}\n`
      for (const [index, log] of pairs) text += `  Index timestamp: ${index}, log timestamp: ${log}\n`
    }
    for (const [file, pairs] of this.outOfOrderTimestamps) {
      text += `Found out of order timestamp in :${file}\n`
      for (const [index, previous] of pairs) {
        text += `  Index timestamp: ${index}, Previously indexed timestamp: ${previous}\n`
      }
    }
    for (const pairs of this.offsetsNotFound.values()) {
      text += 'The following indexed offsets are not found in the log.\n'
      for (const [index, log] of pairs) text += `Indexed offset: ${index}, found log offset: ${log}\n`
    }
    for (const [file, pairs] of this.nonConsecutive) {
      text += `Non-consecutive offsets in ${file}\n`
      for (const [first, second] of pairs) text += `  ${first} is followed by ${second}\n`
    }
    return text
  }
}

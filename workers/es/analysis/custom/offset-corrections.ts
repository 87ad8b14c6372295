// Lucene's BaseCharFilter offset map: a char filter that shortens or lengthens its input records, at an
// output offset, the cumulative difference between input and output offsets from there on;
// correctOffset(out) adds the difference recorded at the last map entry at or before `out`.
// Invariant: entry offsets are non-decreasing; a second entry at the same offset replaces the first.
// CharFilterOutput builds a filtered text and its map the way Lucene's MappingCharFilter and
// PatternReplaceCharFilter do: a replacement shorter than its input maps the offset just after it to the
// end of the input; each extra char of a longer replacement maps back one char earlier than the last.

export class OffsetCorrections {
  private readonly offsets: number[] = []
  private readonly diffs: number[] = []

  add(offset: number, cumulativeDiff: number): void {
    const last = this.offsets.length - 1
    if (last >= 0 && this.offsets[last] === offset) this.diffs[last] = cumulativeDiff
    else {
      this.offsets.push(offset)
      this.diffs.push(cumulativeDiff)
    }
  }

  lastCumulativeDiff(): number {
    return this.diffs[this.diffs.length - 1] ?? 0
  }

  correct(offset: number): number {
    let low = 0
    let high = this.offsets.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >>> 1
      if ((this.offsets[mid] ?? 0) <= offset) {
        found = mid
        low = mid + 1
      } else high = mid - 1
    }
    return offset + (found < 0 ? 0 : (this.diffs[found] ?? 0))
  }
}

/** The output of a char filter: the filtered text and the map back to its input's offsets. */
export interface FilteredText {
  readonly text: string
  correctOffset(offset: number): number
}

export class CharFilterOutput {
  private readonly parts: string[] = []
  private length = 0
  private readonly corrections = new OffsetCorrections()

  /** Copies input text unchanged. */
  append(text: string): void {
    this.parts.push(text)
    this.length += text.length
  }

  /** Writes `replacement` in place of `inputLength` chars of input. */
  replace(inputLength: number, replacement: string): void {
    const start = this.length
    this.append(replacement)
    let cumulative = this.corrections.lastCumulativeDiff()
    if (replacement.length < inputLength) {
      this.corrections.add(start + replacement.length, cumulative + inputLength - replacement.length)
    } else {
      for (let i = inputLength; i < replacement.length; i++) this.corrections.add(start + i, --cumulative)
    }
  }

  finish(): FilteredText {
    const corrections = this.corrections
    return { text: this.parts.join(''), correctOffset: (offset) => corrections.correct(offset) }
  }
}

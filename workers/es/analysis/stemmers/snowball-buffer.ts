// The string machine of Lucene's SnowballProgram, for the Snowball programs whose steps do more than cut
// the word's end (snowball-basque-stemmer.ts, snowball-lithuanian-stemmer.ts, ...): a word, a cursor, the
// backward limit, and the slice [bra, ket) that `among` finds and `slice_from` replaces.
// Invariants, as in Lucene 9's SnowballProgram: 0 <= limitBackward <= cursor <= word.length (the forward
// limit is always the word's end here); a backward `among` looks for its longest listed suffix ending at
// the cursor and starting at or after limitBackward, and leaves the cursor at that suffix's start;
// replacing [bra, ket) moves the cursor by the length change when it was at or after ket, or to bra when
// it was inside the slice, as SnowballProgram.replace_s does. Regions are plain indexes the programs keep.

/** Snowball's `among`: entries tried longest first; an entry's action is what the program does on it. */
export class Among<Action> {
  private readonly entries: readonly (readonly [string, Action])[]

  constructor(actions: Readonly<Record<string, Action>>) {
    this.entries = Object.entries(actions).sort(([a], [b]) => b.length - a.length)
  }

  /** The longest entry that `matches`, with its action. */
  find(matches: (text: string) => boolean): readonly [string, Action] | undefined {
    return this.entries.find(([text]) => matches(text))
  }
}

export class SnowballBuffer {
  word: string
  cursor: number
  limitBackward = 0
  bra = 0
  ket = 0

  constructor(word: string) {
    this.word = word
    this.cursor = word.length
  }

  get limit(): number {
    return this.word.length
  }

  /** find_among_b: the action of the longest entry ending at the cursor (the cursor moves to its start). */
  findAmongBackward<Action>(among: Among<Action>): Action | undefined {
    const found = among.find(
      (text) =>
        this.cursor - text.length >= this.limitBackward &&
        this.word.startsWith(text, this.cursor - text.length),
    )
    if (!found) return undefined
    this.ket = this.cursor
    this.cursor -= found[0].length
    this.bra = this.cursor
    return found[1]
  }

  /** Snowball's `['text']` backward: whether `text` ends at the cursor (then the cursor moves before it). */
  eqBackward(text: string): boolean {
    if (this.cursor - text.length < this.limitBackward) return false
    if (!this.word.startsWith(text, this.cursor - text.length)) return false
    this.cursor -= text.length
    return true
  }

  /** slice_from: [bra, ket) becomes `text`. */
  sliceFrom(text: string): void {
    const adjustment = text.length - (this.ket - this.bra)
    this.word = this.word.slice(0, this.bra) + text + this.word.slice(this.ket)
    if (this.cursor >= this.ket) this.cursor += adjustment
    else if (this.cursor > this.bra) this.cursor = this.bra
  }

  sliceDel(): void {
    this.sliceFrom('')
  }

  /** Snowball's backward `do C` / `try C`: runs `step`, then puts the cursor back at its distance from the end. */
  attempt(step: () => unknown): void {
    const fromEnd = this.limit - this.cursor
    step()
    this.cursor = this.limit - fromEnd
  }

  /** Snowball's backward `repeat C`: runs `step` while it succeeds; the failed run's cursor move is undone. */
  repeat(step: () => boolean): void {
    for (;;) {
      const fromEnd = this.limit - this.cursor
      if (!step()) {
        this.cursor = this.limit - fromEnd
        return
      }
    }
  }
}

// Token streams whose tokens may span several positions (Lucene's PositionLengthAttribute): shingles and
// multi-word synonyms. A GraphTokenList is a TokenList with an optional sixth column, positionLengths;
// where it is absent every token spans one position. TokenListBuilder appends whole tokens, keeping the
// six columns the same length.
import type { TokenList } from '../token-list.ts'

export interface GraphTokenList extends TokenList {
  readonly positionLengths?: number[]
}

export function positionLengthOf(tokens: GraphTokenList, i: number): number {
  return tokens.positionLengths?.[i] ?? 1
}

export class TokenListBuilder {
  readonly list = {
    terms: [] as string[],
    startOffsets: [] as number[],
    endOffsets: [] as number[],
    types: [] as string[],
    positions: [] as number[],
    positionLengths: [] as number[],
  }

  push(term: string, start: number, end: number, type: string, position: number, positionLength = 1): void {
    this.list.terms.push(term)
    this.list.startOffsets.push(start)
    this.list.endOffsets.push(end)
    this.list.types.push(type)
    this.list.positions.push(position)
    this.list.positionLengths.push(positionLength)
  }

  /** Copies token `i` of `tokens`, with a new term when given. */
  copy(tokens: GraphTokenList, i: number, term = tokens.terms[i] ?? ''): void {
    this.push(
      term,
      tokens.startOffsets[i] ?? 0,
      tokens.endOffsets[i] ?? 0,
      tokens.types[i] ?? '',
      tokens.positions[i] ?? 0,
      positionLengthOf(tokens, i),
    )
  }
}

/** Token i's position increment (PositionIncrementAttribute): the first token's position counts from -1. */
export function positionIncrementOf(tokens: GraphTokenList, i: number): number {
  return (tokens.positions[i] ?? 0) - (i === 0 ? -1 : (tokens.positions[i - 1] ?? 0))
}

// Lucene's SimplePatternTokenizer (`simple_pattern`) and SimplePatternSplitTokenizer
// (`simple_pattern_split`): the pattern is Lucene RegExp syntax (all flags), compiled to a DFA under the
// default determinize work limit (10,000 states), never a Java regex. From each position the longest
// non-empty match is taken (an empty match never counts): simple_pattern emits each match as a token and
// skips one code point where none starts; simple_pattern_split emits the non-empty runs between matches.
// Offsets are UTF-16 offsets into the input, types "word", positions 0, 1, 2, ...
// A pattern that does not parse (or is too complex) is an IllegalArgumentException with RegExp's message.
import {
  TooComplexToDeterminizeError,
  type Dfa,
} from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import { compileRegexp, RegexpSyntaxError } from '../../../../engine-wasm/src/index/automaton/regexp.ts'
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  IllegalArgumentException,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

const DEFAULT_DETERMINIZE_WORK_LIMIT = 10_000

/** RegExp("") is the language of the empty string (compileRegexp refuses ""): it never yields a match. */
const EMPTY_STRING_DFA: Dfa = [{ accept: true, transitions: [] }]

function compile(pattern: string): Dfa {
  if (pattern === '') return EMPTY_STRING_DFA
  try {
    return compileRegexp(pattern, DEFAULT_DETERMINIZE_WORK_LIMIT)
  } catch (error) {
    if (error instanceof RegexpSyntaxError || error instanceof TooComplexToDeterminizeError) {
      throw new IllegalArgumentException(error.message)
    }
    throw error
  }
}

/** The end of the longest non-empty match starting at `start`, or -1. */
function longestMatch(dfa: Dfa, text: string, start: number): number {
  let state = 0
  let end = -1
  for (let i = start; i < text.length;) {
    const codePoint = text.codePointAt(i) ?? 0
    const edge = dfa[state]?.transitions.find((t) => t.min <= codePoint && codePoint <= t.max)
    if (edge === undefined) break
    state = edge.to
    i += codePoint > 0xffff ? 2 : 1
    if (dfa[state]?.accept) end = i
  }
  return end
}

const codePointWidth = (text: string, i: number): number => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1)

export class SimplePatternTokenizer implements Tokenizer {
  private readonly dfa: Dfa

  constructor(
    readonly name: 'simple_pattern' | 'simple_pattern_split',
    pattern: string,
  ) {
    this.dfa = compile(pattern)
  }

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    const split = this.name === 'simple_pattern_split'
    let runStart = 0
    for (let i = 0; i < text.length;) {
      const end = longestMatch(this.dfa, text, i)
      if (end < 0) {
        i += codePointWidth(text, i)
        if (!split) runStart = i
        continue
      }
      if (split) {
        if (i > runStart) pushToken(tokens, text.slice(runStart, i), runStart, i, DEFAULT_TOKEN_TYPE)
        runStart = end
      } else {
        pushToken(tokens, text.slice(i, end), i, end, DEFAULT_TOKEN_TYPE)
      }
      i = end
    }
    if (split && text.length > runStart) {
      pushToken(tokens, text.slice(runStart), runStart, text.length, DEFAULT_TOKEN_TYPE)
    }
    return tokens
  }
}

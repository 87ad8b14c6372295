/**
 * jq's `test(re; flags)` on Oniguruma, the regex library jq links (src/builtin.c f_match), here the
 * Oniguruma parser and backtracking matcher the grok processor runs (es/ingest/grok), reading the pattern as
 * jq compiles it (ONIG_SYNTAX_PERL_NT: `^` and `$` anchor at the string's ends). A pattern Oniguruma refuses is
 * `Regex failure: <onig_error_code_to_str's message>` (`Regex failure: end pattern with unmatched
 * parenthesis`); flags are jq's letters, any other one `<flags> is not a valid modifier string`. For a
 * yes-or-no test: `i` folds case, `x` ignores blanks and `#` comments, `m` (and `p`) lets `.` match a
 * newline (ONIG_OPTION_MULTILINE), `n` refuses empty matches; `g`, `s` and `l` change nothing it can see.
 */
import { OnigInterrupted, OnigRegex } from '../../../../es/ingest/grok/onig-matcher.ts'
import { OnigSyntaxError, parseOnig } from '../../../../es/ingest/grok/onig-parser.ts'
import { fail } from './jq-eval.ts'

const FLAGS = 'gixmspln'

/** Whether `input` has a match of `pattern` under jq's `flags` (null: none). */
export function regexTest(input: string, pattern: string, flags: string | null): boolean {
  const letters = flags ?? ''
  if ([...letters].some((letter) => !FLAGS.includes(letter)))
    return fail(`${letters} is not a valid modifier string`)
  const has = (letter: string): boolean => letters.includes(letter)
  let regex: OnigRegex
  try {
    const options = { perl: true, ignoreCase: has('i'), extended: has('x'), dotAll: has('m') || has('p') }
    regex = new OnigRegex(parseOnig(pattern, options))
  } catch (error) {
    if (error instanceof OnigSyntaxError) return fail(`Regex failure: ${error.message}`)
    throw error
  }
  const text = Int32Array.from(input, (char) => char.codePointAt(0)!)
  try {
    return regex.search(text, undefined, has('n')) !== null
  } catch (error) {
    if (error instanceof OnigInterrupted) return fail('[playground] the regex match took too many steps')
    throw error
  }
}

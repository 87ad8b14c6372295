/**
 * A `completion` suggestion as CompletionSuggestionBuilder's ObjectParser reads it: `field` (required), `analyzer`,
 * `size` (5), `shard_size` (the size when absent), `skip_duplicates` (false), `fuzzy` (`true` for the defaults, or
 * FuzzyOptions: `fuzziness` AUTO, `transpositions` true, `min_length` 3, `prefix_length` 1, `unicode_aware` false,
 * `max_determinized_states` 10000). An unknown key is the ObjectParser's x_content_parse_exception
 * `[completion] unknown field [k]` (`[fuzzy] …` inside fuzzy); the setters' checks are IllegalArgumentExceptions.
 * The text is the suggestion's `prefix`, else its `text`, else the global text. `regex` and `contexts` are not built.
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { FieldQueryError } from '../query-string/field-queries.ts'
import { parseFuzziness, type Fuzziness } from '../query-string/query-parser-base.ts'
import type { SuggestionBuilderBase } from './suggestion-builder-base.ts'

/** FuzzyOptions: how far the typed prefix may be from an input. */
export interface CompletionFuzzyOptions {
  fuzziness: Fuzziness
  transpositions: boolean
  minLength: number
  prefixLength: number
  unicodeAware: boolean
}

/** A completion suggestion: its text is the prefix typed; each shard returns `shard_size` options, else `size`. */
export interface CompletionSuggestionBuilder extends SuggestionBuilderBase {
  kind: 'completion'
  skipDuplicates: boolean
  fuzzy: CompletionFuzzyOptions | null
}

function unknownField(body: string, parser: string, key: string): EsException {
  const { line, col } = bodyLocation(body, key, 'key')
  return xContentParseException(line, col, `[${parser}] unknown field [${key}]`)
}

function wrongType(body: string, parser: string, key: string): EsException {
  const { line, col } = bodyLocation(body, key, 'value')
  return xContentParseException(line, col, `[${parser}] failed to parse field [${key}]`)
}

/** parser.intValue(): a whole number, or a string holding one. */
function intValue(body: string, parser: string, key: string, value: XContentValue): number {
  const n = value instanceof XNumber ? value.value : typeof value === 'string' ? Number(value) : NaN
  if (!Number.isFinite(n)) throw wrongType(body, parser, key)
  return Math.trunc(n)
}

function booleanValue(body: string, parser: string, key: string, value: XContentValue): boolean {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw wrongType(body, parser, key)
}

function nonNegative(value: number, name: string): number {
  if (value < 0) throw illegalArgumentException(`${name} must not be negative`)
  return value
}

function fuzzinessOf(value: XContentValue, body: string): Fuzziness {
  if (value instanceof Map || Array.isArray(value)) throw wrongType(body, 'fuzzy', 'fuzziness')
  const text = value instanceof XNumber ? value.text : String(value)
  try {
    return parseFuzziness(text)
  } catch (e) {
    if (!(e instanceof FieldQueryError)) throw e
    throw new EsException({ type: e.javaClass, reason: e.message, status: 400 })
  }
}

function parseFuzzy(value: XContentValue, body: string): CompletionFuzzyOptions | null {
  const options: CompletionFuzzyOptions = {
    fuzziness: { low: 3, high: 6 },
    transpositions: true,
    minLength: 3,
    prefixLength: 1,
    unicodeAware: false,
  }
  if (typeof value === 'boolean') return value ? options : null
  if (!(value instanceof Map)) throw wrongType(body, 'completion', 'fuzzy')
  for (const [key, entry] of value) {
    if (key === 'fuzziness') options.fuzziness = fuzzinessOf(entry, body)
    else if (key === 'transpositions') options.transpositions = booleanValue(body, 'fuzzy', key, entry)
    else if (key === 'min_length')
      options.minLength = nonNegative(intValue(body, 'fuzzy', key, entry), 'fuzzyMinLength')
    else if (key === 'prefix_length')
      options.prefixLength = nonNegative(intValue(body, 'fuzzy', key, entry), 'fuzzyPrefixLength')
    else if (key === 'unicode_aware') options.unicodeAware = booleanValue(body, 'fuzzy', key, entry)
    else if (key === 'max_determinized_states')
      nonNegative(intValue(body, 'fuzzy', key, entry), 'maxDeterminizedStates')
    else throw unknownField(body, 'fuzzy', key)
  }
  return options
}

function positive(value: number, name: string): number {
  if (value <= 0) throw illegalArgumentException(`${name} must be positive`)
  return value
}

/** CompletionSuggestionBuilder.fromXContent of the suggester object, with the suggestion's name and text. */
export function completionSuggestion(
  name: string,
  text: string | null,
  section: XContentObject,
  body: string,
): CompletionSuggestionBuilder {
  let field: string | null = null
  let analyzer: string | null = null
  let size = 5
  let shardSize: number | null = null
  let skipDuplicates = false
  let fuzzy: CompletionFuzzyOptions | null = null
  for (const [key, value] of section) {
    if (key === 'field' && typeof value === 'string') field = value
    else if (key === 'analyzer' && typeof value === 'string') analyzer = value
    else if (key === 'size') size = positive(intValue(body, 'completion', key, value), 'size')
    else if (key === 'shard_size') shardSize = positive(intValue(body, 'completion', key, value), 'shardSize')
    else if (key === 'skip_duplicates') skipDuplicates = booleanValue(body, 'completion', key, value)
    else if (key === 'fuzzy') fuzzy = parseFuzzy(value, body)
    else if (key === 'regex' || key === 'contexts')
      throw illegalArgumentException(`the completion suggester's [${key}] is not available in the playground`)
    else if (key === 'field' || key === 'analyzer') throw wrongType(body, 'completion', key)
    else throw unknownField(body, 'completion', key)
  }
  if (field === null)
    throw new EsException({
      type: 'parse_exception',
      reason: 'the required field option [field] is missing',
      status: 400,
    })
  return {
    kind: 'completion',
    name,
    text,
    field,
    analyzer,
    size,
    shardSize: shardSize ?? size,
    skipDuplicates,
    fuzzy,
  }
}

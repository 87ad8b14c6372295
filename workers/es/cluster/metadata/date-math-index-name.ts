/**
 * IndexNameExpressionResolver.DateMathExpressionResolver for index names: `<static{date_math}static>`,
 * where each `{…}` is a date math expression on `now`, optionally `{now/M{uuuu.MM}}` with a format and
 * `{now/d{uuuu.MM.dd|+01:00}}` with a time zone (default format `uuuu.MM.dd`, default zone UTC); `\` escapes
 * the next character. A name not wrapped in `<` and `>` is itself. `resolveDateMathExpressions` does so for each
 * part of a comma list, a `-` exclusion after a wildcard keeping its `-` in front of the resolved name.
 */
import { EsException } from '../../errors/index.ts'
import { DateFormatter, ZoneId, parseDateMath } from '../../common/time/index.ts'

const DEFAULT_FORMAT = 'uuuu.MM.dd'

export function resolveDateMathExpression(expression: string, nowMillis: number): string {
  if (!expression.startsWith('<') || !expression.endsWith('>')) return expression
  const text = expression.slice(1, -1)
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '\\') {
      out += text[i + 1] ?? ''
      i += 2
    } else if (c === '{') {
      const end = closingBrace(text, i, expression)
      out += formatDateMath(text.slice(i + 1, end), nowMillis)
      i = end + 1
    } else if (c === '}') {
      throw invalidExpression(
        expression,
        `invalid character at position [${i + 1}]. ` +
          '`{` and `}` are reserved characters and should be escaped when used as part of the index name using `\\` (e.g. `\\{text\\}`)',
      )
    } else {
      out += c
      i++
    }
  }
  return out
}

/** The index of the `}` closing the `{` at `start`, a nested format's braces inside. */
/** Each part of a comma-separated index expression with its date math resolved. */
export function resolveDateMathExpressions(expression: string, nowMillis: number): string {
  let wildcardSeen = false
  return expression
    .split(',')
    .map((part) => {
      const minus = wildcardSeen && part.startsWith('-')
      const resolved = resolveDateMathExpression(minus ? part.slice(1) : part, nowMillis)
      if (resolved.includes('*')) wildcardSeen = true
      return minus ? `-${resolved}` : resolved
    })
    .join(',')
}

function closingBrace(text: string, start: number, expression: string): number {
  let depth = 0
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  throw invalidExpression(expression, 'date math placeholder is open ended')
}

function formatDateMath(placeholder: string, nowMillis: number): string {
  const open = placeholder.indexOf('{')
  const math = open < 0 ? placeholder : placeholder.slice(0, open)
  const inner = open < 0 ? '' : placeholder.slice(open + 1, -1)
  const [pattern = '', zoneText] = inner.split('|')
  const formatter = DateFormatter.forPattern(pattern === '' ? DEFAULT_FORMAT : pattern)
  const zone = zoneText === undefined ? ZoneId.UTC : ZoneId.of(zoneText)
  const millis = parseDateMath(math, nowMillis, false, zone, formatter)
  return formatter.format(millis, zone)
}

/** ElasticsearchParseException of the resolver. */
function invalidExpression(expression: string, detail: string): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: `invalid dynamic name expression [${expression.slice(1, -1)}]. ${detail}`,
    status: 400,
  })
}

/**
 * The errors of Lucene's classic QueryParser and how Elasticsearch reports them:
 *
 * - JavaCC's ParseException message (ParseException.initialise): `Encountered "<EOF>" at line 1, column N.`
 *   or `Encountered " <KIND> "image "" at line 1, column N.`, then `Was expecting:` (one sequence) or
 *   `Was expecting one of:` and each expected sequence on its own line, indented four spaces, followed by
 *   ` ...` unless it ends in <EOF>; every line, the last one too, ends with "\n    ".
 * - TokenMgrError.LexicalErr: `Lexical error at line 1, column N.  Encountered: <EOF> after prefix "x"`
 *   plus ` (in lexical state S)` unless the state is 0 (Boost).
 * - QueryParserBase.parse wraps both as ParseException(`Cannot parse '<query>': <message>`) caused by the
 *   original; QueryStringQueryBuilder.doToQuery wraps that in QueryShardException(`Failed to parse query
 *   [<query>]`), which carries the index's metadata. Neither Lucene exception is an ElasticsearchException,
 *   so the root cause is the query_shard_exception.
 */
import { EsException } from '../../errors/index.ts'
import { TOKEN_IMAGE, type LexicalError, type Token } from './query-parser-tokens.ts'

/** A Lucene ParseException or TokenMgrError: the Java class and its message. */
export class QueryParserError extends Error {
  override readonly name = 'QueryParserError'
  constructor(
    readonly javaClass: 'ParseException' | 'TokenMgrError',
    message: string,
  ) {
    super(message)
  }
}

/** Java's String escaping in ParseException.add_escapes / TokenMgrError.addEscapes. */
export function addEscapes(text: string): string {
  const named: Record<string, string> = {
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\f': '\\f',
    '\r': '\\r',
    '"': '\\"',
    "'": "\\'",
    '\\': '\\\\',
  }
  let out = ''
  for (const c of text) {
    for (let k = 0; k < c.length; k++) {
      const unit = c.charCodeAt(k)
      const ch = c[k]!
      const escaped = named[ch]
      if (escaped !== undefined) out += escaped
      else if (unit < 0x20 || unit > 0x7e) out += '\\u' + unit.toString(16).padStart(4, '0')
      else out += ch
    }
  }
  return out
}

/** The message of a ParseException built by generateParseException. */
export function parseExceptionMessage(
  next: readonly Token[],
  expected: readonly (readonly number[])[],
): string {
  const maxSize = Math.max(0, ...expected.map((sequence) => sequence.length))
  let encountered = ''
  for (let i = 0; i < maxSize; i++) {
    const token = next[i]
    if (token === undefined) break
    if (i !== 0) encountered += ' '
    if (token.kind === 0) {
      encountered += TOKEN_IMAGE[0]
      break
    }
    encountered += ` ${TOKEN_IMAGE[token.kind]} "${addEscapes(token.image)} "`
  }
  let message = `Encountered "${encountered}" at line 1, column ${next[0]?.begin ?? 0}.\n`
  if (expected.length > 0) {
    message += expected.length === 1 ? 'Was expecting:\n    ' : 'Was expecting one of:\n    '
    for (const sequence of expected) {
      message += sequence.map((kind) => TOKEN_IMAGE[kind] + ' ').join('')
      if (sequence[sequence.length - 1] !== 0) message += '...'
      message += '\n    '
    }
  }
  return message
}

export function lexicalErrorMessage(error: LexicalError): string {
  const encountered = error.eofSeen
    ? '<EOF>'
    : `'${addEscapes(String.fromCharCode(error.char))}' (${error.char}),`
  const after = error.after === '' ? '' : ` after prefix "${addEscapes(error.after)}"`
  const state = error.lexState === 0 ? '' : ` (in lexical state ${error.lexState})`
  return `Lexical error at line 1, column ${error.column}.  Encountered: ${encountered}${after}${state}`
}

export interface IndexRef {
  name: string
  uuid: string
}

/** QueryShardException: index metadata as ES prints it for shard-level query errors. */
export function queryShardException(
  reason: string,
  index: IndexRef | undefined,
  causedBy?: EsException,
): EsException {
  return new EsException({
    type: 'query_shard_exception',
    reason,
    status: 400,
    metadata: index
      ? [
          ['index_uuid', index.uuid],
          ['index', index.name],
        ]
      : [],
    causedBy,
  })
}

/** `Failed to parse query [q]` caused by `Cannot parse 'q': ...` caused by the parser's own exception. */
export function failedToParseQuery(query: string, error: QueryParserError, index?: IndexRef): EsException {
  const original = new EsException({
    type: error.javaClass === 'ParseException' ? 'parse_exception' : 'token_mgr_error',
    reason: error.message,
    status: 400,
    rootCause: false,
  })
  const wrapped = new EsException({
    type: 'parse_exception',
    reason: `Cannot parse '${query}': ${error.message}`,
    status: 400,
    causedBy: original,
    rootCause: false,
  })
  return queryShardException(`Failed to parse query [${query}]`, index, wrapped)
}

/**
 * The ES|QL command parser (EsqlBaseParser.g4's singleStatement): a source command, then `| command`s. A
 * command's words are read from the lexer up to the next `|` (a FROM's index patterns raw, as the lexer's
 * FROM mode reads them) and walked by the SQL TokenStream, so mistakes read as ANTLR's: a query starting with
 * anything else than a source command is `mismatched input 'X' expecting {'explain', 'from', 'row', 'show'}`,
 * an unknown command after a pipe names the processing commands, a stray token is `mismatched input` or
 * `extraneous input`. `LIMIT` takes an integer literal; `SORT` items default to ASC with nulls last
 * (first when DESC); `KEEP`/`DROP` take name patterns with `*`. `ENRICH policy [ON field] [WITH [new =] field, …]`
 * reads its policy name raw (the lexer's ENRICH mode); a qualifier other than `_any`, `_coordinator` or `_remote`
 * and a `*` in its field names are refused as LogicalPlanBuilder refuses them.
 */
import type { Token } from '../sql/sql-lexer.ts'
import { sqlParsingException } from '../sql/sql-exceptions.ts'
import { TokenStream } from '../sql/token-stream.ts'
import type {
  EnrichField,
  EnrichMode,
  EsqlCommand,
  NamePattern,
  NamedExpression,
  OrderItem,
} from './esql-ast.ts'
import { EsqlExpressionParser, type EsqlParam } from './esql-expression-parser.ts'
import { EsqlLexer } from './esql-lexer.ts'

const SOURCE_COMMANDS = ["'explain'", "'from'", "'row'", "'show'"]
const PROCESSING_COMMANDS = [
  "'dissect'",
  "'drop'",
  "'enrich'",
  "'eval'",
  "'grok'",
  "'keep'",
  "'limit'",
  "'mv_expand'",
  "'rename'",
  "'sort'",
  "'stats'",
  "'where'",
]

export function parseQuery(query: string, params: readonly EsqlParam[]): EsqlCommand[] {
  const lexer = new EsqlLexer(query)
  const commands: EsqlCommand[] = []
  for (;;) {
    const word = lexer.next()
    const source = commands.length === 0
    const name = word.kind === 'identifier' ? word.value.toUpperCase() : ''
    if (source ? !['FROM', 'ROW', 'SHOW'].includes(name) : !PROCESSING_NAMES.has(name)) {
      throw sqlParsingException(
        word,
        `mismatched input '${word.text}' expecting {${(source ? SOURCE_COMMANDS : PROCESSING_COMMANDS).join(', ')}}`,
      )
    }
    if (name === 'FROM') commands.push(fromCommand(lexer, word))
    const policy = name === 'ENRICH' ? enrichPolicyName(lexer) : null
    const rest = lexer.rest()
    const end = rest.findIndex((t) => t.kind === 'eof' || (t.kind === 'operator' && t.value === '|'))
    const tokens = new TokenStream(rest.slice(0, end + 1), query)
    const parser = new CommandParser(tokens, params, word)
    if (policy !== null) commands.push(parser.enrich(policy.policy, policy.mode))
    else if (name !== 'FROM') commands.push(parser.parse(name))
    if (tokens.peek().kind !== 'eof' && !tokens.isOperator('|')) {
      throw sqlParsingException(
        tokens.peek(),
        `extraneous input '${tokens.peek().text}' expecting {<EOF>, '|'}`,
      )
    }
    const last = rest[end]!
    if (last.kind === 'eof') return commands
    // Re-read from just after the pipe.
    lexer.reset(last.end)
  }
}

const PROCESSING_NAMES = new Set(PROCESSING_COMMANDS.map((c) => c.slice(1, -1).toUpperCase()))

function fromCommand(lexer: EsqlLexer, at: Token): EsqlCommand {
  const indices: string[] = []
  do {
    const source = lexer.sourceToken()
    if (source === null) {
      const token = lexer.next()
      throw sqlParsingException(
        token,
        `mismatched input '${token.text}' expecting {QUOTED_STRING, UNQUOTED_SOURCE}`,
      )
    }
    indices.push(source.value)
  } while (lexer.acceptComma())
  const metadata: string[] = []
  const metadataAt: Token[] = []
  const mark = lexer.mark()
  const next = lexer.next()
  if (next.kind === 'identifier' && next.value.toUpperCase() === 'METADATA') {
    do {
      const field = lexer.sourceToken()
      if (field === null) {
        const token = lexer.next()
        throw sqlParsingException(token, `mismatched input '${token.text}' expecting UNQUOTED_SOURCE`)
      }
      metadata.push(field.value)
      metadataAt.push(field)
    } while (lexer.acceptComma())
  } else lexer.reset(mark)
  return { kind: 'from', indices: indices.join(','), metadata, at, metadataAt }
}

/**
 * The ENRICH policy name token (ENRICH_POLICY_NAME) and its mode qualifier (`_any` when none), checked as
 * LogicalPlanBuilder.parsePolicyName does (any case).
 */
function enrichPolicyName(lexer: EsqlLexer): { policy: Token; mode: EnrichMode } {
  const token = lexer.policyNameToken()
  if (token === null) {
    const next = lexer.next()
    throw sqlParsingException(next, `mismatched input '${next.text}' expecting ENRICH_POLICY_NAME`)
  }
  const colon = token.kind === 'identifier' ? token.value.indexOf(':') : -1
  if (colon < 0) return { policy: token, mode: 'any' }
  const qualifier = token.value.slice(0, colon)
  const mode = ENRICH_MODES.find((m) => `_${m}` === qualifier.toLowerCase())
  if (mode === undefined) {
    throw sqlParsingException(
      token,
      `Unrecognized value [${qualifier}], ENRICH policy qualifier needs to be one of [_ANY, _COORDINATOR, _REMOTE]`,
    )
  }
  return { policy: { ...token, value: token.value.slice(colon + 1) }, mode }
}

const ENRICH_MODES: readonly EnrichMode[] = ['any', 'coordinator', 'remote']

const WILDCARD_IN_ENRICH = 'Using wildcards [*] in ENRICH WITH projections is not allowed'

class CommandParser {
  private readonly expressions: EsqlExpressionParser

  constructor(
    private readonly t: TokenStream,
    params: readonly EsqlParam[],
    private readonly at: Token,
  ) {
    this.expressions = new EsqlExpressionParser(t, params)
  }

  parse(name: string): EsqlCommand {
    const { t, at } = this
    switch (name) {
      case 'ROW':
        return { kind: 'row', fields: this.fields(), at }
      case 'SHOW':
        if (t.peek().kind !== 'identifier' || t.peek().value.toUpperCase() !== 'INFO')
          throw t.mismatched(["'info'"])
        t.next()
        return { kind: 'showInfo', at }
      case 'WHERE':
        return { kind: 'where', condition: this.expressions.parse(), at }
      case 'EVAL':
        return { kind: 'eval', fields: this.fields(), at }
      case 'STATS': {
        const aggregates = t.isKeyword('BY') || this.atEnd() ? [] : this.fields()
        const groupings = t.acceptKeyword('BY') ? this.fields() : []
        return { kind: 'stats', aggregates, groupings, at }
      }
      case 'SORT': {
        const order: OrderItem[] = []
        do order.push(this.orderItem())
        while (t.acceptOperator(','))
        return { kind: 'sort', order, at }
      }
      case 'LIMIT': {
        const token = t.peek()
        if (token.kind !== 'integer') throw t.mismatched(['INTEGER_LITERAL'])
        t.next()
        return { kind: 'limit', limit: Number(token.value), at }
      }
      case 'KEEP':
      case 'DROP':
        return { kind: name === 'KEEP' ? 'keep' : 'drop', patterns: this.patterns(), at }
      case 'RENAME': {
        const renames: { from: NamePattern; to: string }[] = []
        do {
          const from = this.pattern()
          t.expectKeyword('AS')
          renames.push({ from, to: this.pattern().pattern })
        } while (t.acceptOperator(','))
        return { kind: 'rename', renames, at }
      }
      case 'DISSECT':
      case 'GROK': {
        const input = this.expressions.parse()
        const pattern = t.peek()
        if (pattern.kind !== 'string') throw t.mismatched(['QUOTED_STRING'])
        t.next()
        if (name === 'GROK') return { kind: 'grok', input, pattern: pattern.value, at }
        let separator = ''
        if (t.peek().kind === 'identifier' && t.isOperator('=', 1)) {
          const option = t.next()
          t.next()
          const value = t.next()
          if (option.value.toLowerCase() !== 'append_separator') {
            throw sqlParsingException(option, `Invalid option for dissect: [${option.value}]`)
          }
          if (value.kind !== 'string')
            throw sqlParsingException(value, 'Invalid value for dissect append_separator: expected a string')
          separator = value.value
        }
        return { kind: 'dissect', input, pattern: pattern.value, separator, at }
      }
      case 'MV_EXPAND':
        return { kind: 'mvExpand', column: this.pattern(), at }
      default:
        throw sqlParsingException(at, `${name} is not supported in the playground`)
    }
  }

  /** ENRICH after its policy name: `[ON field] [WITH [new =] field, …]`. */
  enrich(policy: Token, mode: EnrichMode): EsqlCommand {
    const { t, at } = this
    let matchField: NamePattern | null = null
    if (this.acceptWord('ON')) matchField = this.enrichName()
    const fields: EnrichField[] = []
    if (this.acceptWord('WITH')) {
      do {
        const first = this.enrichName()
        if (t.acceptOperator('=')) fields.push({ name: first.pattern, field: this.enrichName() })
        else fields.push({ name: first.pattern, field: first })
      } while (t.acceptOperator(','))
    }
    const end = matchField === null && fields.length === 0 ? policy.end : t.previous().end
    const text = t.sql.slice(at.start, end)
    return { kind: 'enrich', policy: policy.value, policyAt: policy, mode, matchField, fields, at, text }
  }

  /** ON and WITH are words of ENRICH's lexer mode, whatever their case. */
  private acceptWord(word: string): boolean {
    const token = this.t.peek()
    if (token.kind !== 'identifier' || token.value.toUpperCase() !== word) return false
    this.t.next()
    return true
  }

  private enrichName(): NamePattern {
    const name = this.pattern()
    if (name.pattern.includes('*'))
      throw sqlParsingException(this.at, `${WILDCARD_IN_ENRICH} [${name.pattern}]`)
    return name
  }

  private atEnd(): boolean {
    return this.t.peek().kind === 'eof' || this.t.isOperator('|')
  }

  private fields(): NamedExpression[] {
    const out: NamedExpression[] = []
    do out.push(this.field())
    while (this.t.acceptOperator(','))
    return out
  }

  private field(): NamedExpression {
    const t = this.t
    const start = t.peek()
    if (start.kind === 'identifier' || start.kind === 'backquoted') {
      let i = 1
      while (t.isOperator('.', i) && ['identifier', 'backquoted'].includes(t.peek(i + 1).kind)) i += 2
      if (t.isOperator('=', i)) {
        const name = this.pattern().pattern
        t.next()
        return { name, expression: this.expressions.parse(), at: start }
      }
    }
    const expression = this.expressions.parse()
    return { name: expression.text, expression, at: start }
  }

  private orderItem(): OrderItem {
    const t = this.t
    const expression = this.expressions.parse()
    const ascending = t.acceptKeyword('DESC') ? false : (t.acceptKeyword('ASC'), true)
    let nullsFirst: boolean | null = null
    if (t.acceptKeyword('NULLS')) {
      if (t.acceptKeyword('FIRST')) nullsFirst = true
      else if (t.acceptKeyword('LAST')) nullsFirst = false
      else throw t.mismatched(["'first'", "'last'"])
    }
    return { expression, ascending, nullsFirst }
  }

  private patterns(): NamePattern[] {
    const out: NamePattern[] = []
    do out.push(this.pattern())
    while (this.t.acceptOperator(','))
    return out
  }

  /** A qualifiedNamePattern: identifiers, `*` and dots, read as one name. */
  private pattern(): NamePattern {
    const t = this.t
    const start = t.peek()
    let name = ''
    for (;;) {
      const token = t.peek()
      if (token.kind === 'identifier' || token.kind === 'backquoted') name += t.next().value
      else if (t.isOperator('*')) name += t.next().value
      else if (token.kind === 'keyword') name += t.next().text
      else break
      if (!t.isOperator('.') && !t.isOperator('*')) break
      if (t.isOperator('.')) name += t.next().value
    }
    if (name === '') throw t.mismatched(['ID_PATTERN'])
    return { pattern: name, at: start }
  }
}

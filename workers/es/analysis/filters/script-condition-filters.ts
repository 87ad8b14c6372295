// Elasticsearch's script-driven token filters, whose Painless script (AnalysisPredicateScript: `token` and
// `params`) runs once per token and answers a boolean:
//   predicate_token_filter (PredicateTokenFilterScriptFactory): keeps the tokens the script accepts; a dropped
//     token leaves its position empty (Lucene's FilteringTokenFilter).
//   condition (ScriptedConditionTokenFilterFactory, over Lucene's ConditionalTokenFilter): runs the filters named
//     in `filter` (the index's definitions, then the built-ins) over the tokens the script accepts, each maximal
//     run of accepted tokens as a stream of its own; the other tokens pass unchanged.
// `token` is AnalysisPredicateScript.Token: getTerm(), getPosition(), getPositionIncrement(),
// getPositionLength(), getStartOffset(), getEndOffset(), getType(), isKeyword(), and Painless's getter
// shortcuts (token.term, token.position, ...). `script` is Script.parse's form (a source string, or `source`
// with `lang` and `params`). Errors are the factories': a missing script is Script.parse's,
// a stored script is refused ("Cannot use stored scripts in tokenfilter [...]"), an empty `filter` list is
// "Empty list of filters provided to tokenfilter [...]", an unknown name "ScriptedConditionTokenFilter [...]
// refers to undefined token filter [...]". The filter's own name in these texts is its type here.
import { listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import type { ChainAwareFilter, FilterLookup } from '../custom/chain-aware-filter.ts'
import { isChainAware } from '../custom/chain-aware-filter.ts'
import { positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import { PainlessScript } from '../../script/painless-script.ts'
import { HostObject, Num, fromXContent, type Value } from '../../script/painless-values.ts'
import { parseJson } from '../../xcontent/json-parser.ts'
import { isKeyword, type KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { IllegalArgumentException, type TokenFilter, type TokenList } from '../token-list.ts'

type Tokens = GraphTokenList & KeywordTokenList

/** AnalysisPredicateScript.Token over token `index` of a stream. */
class ScriptToken extends HostObject {
  readonly className = 'Token'
  at = 0

  constructor(private readonly tokens: Tokens) {
    super()
  }

  private value(getter: string): Value | undefined {
    const i = this.at
    const tokens = this.tokens
    const previous = i === 0 ? -1 : (tokens.positions[i - 1] ?? 0)
    switch (getter) {
      case 'getTerm':
        return tokens.terms[i] ?? ''
      case 'getPosition':
        return Num.int(tokens.positions[i] ?? 0)
      case 'getPositionIncrement':
        return Num.int((tokens.positions[i] ?? 0) - previous)
      case 'getPositionLength':
        return Num.int(positionLengthOf(tokens, i))
      case 'getStartOffset':
        return Num.int(tokens.startOffsets[i] ?? 0)
      case 'getEndOffset':
        return Num.int(tokens.endOffsets[i] ?? 0)
      case 'getType':
        return tokens.types[i] ?? ''
      case 'isKeyword':
        return isKeyword(tokens, i)
      default:
        return undefined
    }
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    return args.length === 0 ? this.value(name) : undefined
  }

  override field(name: string): Value | undefined {
    const capital = name.charAt(0).toUpperCase() + name.slice(1)
    return this.value(`get${capital}`) ?? this.value(`is${capital}`)
  }
}

/** A compiled AnalysisPredicateScript: the script and its params, from a filter's `script` setting. */
class TokenPredicate {
  private readonly script: PainlessScript
  private readonly params: Map<string, Value>

  constructor(settings: AnalysisSettings, filterName: string) {
    const script = settings['script']
    const spec: Readonly<Record<string, unknown>> =
      typeof script === 'string'
        ? { source: script }
        : typeof script === 'object' && script !== null && !Array.isArray(script)
          ? Object.fromEntries(Object.entries(script))
          : {}
    const source = spec['source'] ?? spec['inline']
    if (typeof source !== 'string') {
      if (typeof spec['id'] === 'string') {
        throw new IllegalArgumentException(`Cannot use stored scripts in tokenfilter [${filterName}]`)
      }
      throw new IllegalArgumentException(
        'must specify either [source] for an inline script or [id] for a stored script',
      )
    }
    const lang = spec['lang']
    if (lang !== undefined && lang !== 'painless') {
      const text = typeof lang === 'string' ? lang : JSON.stringify(lang)
      throw new IllegalArgumentException(`script_lang not supported [${text}]`)
    }
    this.script = PainlessScript.compile(source, ['params', 'token'])
    this.params = fromXContent(parseJson(JSON.stringify(spec['params'] ?? {}))) as Map<string, Value>
  }

  /** Whether the script accepts each token of the stream. */
  accepts(tokens: Tokens): boolean[] {
    const token = new ScriptToken(tokens)
    return tokens.terms.map((_, i) => {
      token.at = i
      return (
        this.script.run(
          new Map<string, Value>([
            ['params', this.params],
            ['token', token],
          ]),
        ) === true
      )
    })
  }
}

/** The tokens at `indexes` of a stream, as a stream of their own (positions kept). */
function subList(tokens: Tokens, indexes: readonly number[]): Tokens {
  const pick = <T>(column: readonly T[] | undefined, fallback: T): T[] =>
    indexes.map((i) => column?.[i] ?? fallback)
  return {
    terms: pick(tokens.terms, ''),
    startOffsets: pick(tokens.startOffsets, 0),
    endOffsets: pick(tokens.endOffsets, 0),
    types: pick(tokens.types, ''),
    positions: pick(tokens.positions, 0),
    positionLengths: indexes.map((i) => positionLengthOf(tokens, i)),
    keywords: indexes.map((i) => isKeyword(tokens, i)),
  }
}

/** Appends stream `part` to the column lists of `out`. */
function append(out: Required<Tokens> & { keywords: boolean[] }, part: Tokens): void {
  part.terms.forEach((term, i) => {
    out.terms.push(term)
    out.startOffsets.push(part.startOffsets[i] ?? 0)
    out.endOffsets.push(part.endOffsets[i] ?? 0)
    out.types.push(part.types[i] ?? '')
    out.positions.push(part.positions[i] ?? 0)
    out.positionLengths.push(positionLengthOf(part, i))
    out.keywords.push(isKeyword(part, i))
  })
}

const emptyStream = (): Required<Tokens> & { keywords: boolean[] } => ({
  terms: [],
  startOffsets: [],
  endOffsets: [],
  types: [],
  positions: [],
  positionLengths: [],
  keywords: [],
})

export class PredicateTokenFilter implements TokenFilter {
  readonly name = 'predicate_token_filter'

  constructor(private readonly predicate: TokenPredicate) {}

  filter(tokens: Tokens): Tokens {
    const accepted = this.predicate.accepts(tokens)
    return subList(
      tokens,
      tokens.terms.flatMap((_, i) => (accepted[i] ? [i] : [])),
    )
  }
}

export class ConditionFilter implements ChainAwareFilter {
  readonly name = 'condition'

  constructor(
    private readonly predicate: TokenPredicate,
    private readonly filterNames: readonly string[],
    private readonly chain: readonly TokenFilter[] = [],
  ) {}

  forChain(analyze: (text: string) => string[], lookup: FilterLookup): TokenFilter {
    const chain = this.filterNames.map((name) => {
      const filter = lookup(name)
      if (!filter) {
        throw new IllegalArgumentException(
          `ScriptedConditionTokenFilter [condition] refers to undefined token filter [${name}]`,
        )
      }
      return isChainAware(filter) ? filter.forChain(analyze, lookup) : filter
    })
    return new ConditionFilter(this.predicate, this.filterNames, chain)
  }

  filter(tokens: Tokens, text: string): Tokens {
    const accepted = this.predicate.accepts(tokens)
    const out = emptyStream()
    let run: number[] = []
    const flush = (): void => {
      if (run.length === 0) return
      let part: TokenList = subList(tokens, run)
      for (const filter of this.chain) part = filter.filter(part, text)
      append(out, part)
      run = []
    }
    tokens.terms.forEach((_, i) => {
      if (accepted[i]) {
        run.push(i)
        return
      }
      flush()
      append(out, subList(tokens, [i]))
    })
    flush()
    return out
  }
}

export function predicateTokenFilter(settings: AnalysisSettings): TokenFilter {
  return new PredicateTokenFilter(new TokenPredicate(settings, 'predicate_token_filter'))
}

export function conditionFilter(settings: AnalysisSettings): TokenFilter {
  const predicate = new TokenPredicate(settings, 'condition')
  const names = listSetting(settings, 'filter') ?? []
  if (names.length === 0)
    throw new IllegalArgumentException('Empty list of filters provided to tokenfilter [condition]')
  return new ConditionFilter(predicate, names)
}

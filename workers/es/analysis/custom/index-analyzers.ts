// IndexAnalyzers: the analyzers, normalizers and components an index can name, built from its
// `analysis` settings ({analyzer, tokenizer, filter, char_filter, normalizer}) over the built-ins, as
// Elasticsearch's AnalysisRegistry.build does; and the global scope `_analyze` uses without an index.
// Everything is built and validated in the constructor, so a bad definition fails index creation with
// ES's illegal_argument_exception text:
//   "Unknown tokenizer type [t] for [name]", "analyzer [a] must specify either an analyzer type, or a
//   tokenizer", "Custom Analyzer [a] must be configured with a tokenizer", "Custom Analyzer [a] failed to
//   find filter under name [f]", "Custom normalizer [n] may not use filter [f]", ...
// Lookups by name try the index's definitions first, then the built-ins. An analyzer named "default"
// replaces the standard analyzer for fields that name none.
import type { Analyzer } from '../analyzer.ts'
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from '../analysis-limits.ts'
import { getAnalyzer, getCharFilter } from '../registry.ts'
import { getTokenFilter, NO_SYNONYMS_SETS, type SynonymsSetRules } from '../token-filter-registry.ts'
import { getTokenizer } from '../tokenizer-registry.ts'
import { KeywordTokenizer } from '../tokenizers/keyword-tokenizer.ts'
import { IllegalArgumentException, type TokenFilter, type Tokenizer } from '../token-list.ts'
import {
  intSetting,
  listSetting,
  settingText,
  stringSetting,
  type AnalysisSettings,
} from './analysis-settings.ts'
import type { CharFilter } from './char-filter.ts'
import { wrappedAnalyzer } from '../search-as-you-type-analyzer.ts'
import { textSubfieldAnalyzer } from '../text-subfield-analyzer.ts'
import {
  CustomAnalyzer,
  DEFAULT_OFFSET_GAP,
  DEFAULT_POSITION_INCREMENT_GAP,
  type NamedComponent,
} from './custom-analyzer.ts'

type Kind = 'tokenizer' | 'filter' | 'char_filter'
type Component = Tokenizer | TokenFilter | CharFilter

/** A component as `_analyze` names it: a name, or an inline definition with a `type`. */
export type NameOrDefinition = string | AnalysisSettings

/** Filters and char filters a normalizer may use (ES's NormalizingTokenFilterFactory / CharFilterFactory). */
export const NORMALIZING_COMPONENTS: ReadonlySet<string> = new Set([
  'lowercase',
  'uppercase',
  'asciifolding',
  'elision',
  'german_normalization',
  'arabic_normalization',
  'persian_normalization',
  'sorani_normalization',
  'indic_normalization',
  'hindi_normalization',
  'bengali_normalization',
  'serbian_normalization',
  'decimal_digit',
  'cjk_width',
  'trim',
  'mapping',
  'pattern_replace',
])

function build(
  kind: Kind,
  type: string,
  settings: AnalysisSettings,
  limits: AnalysisLimits,
  synonymsSets: SynonymsSetRules = NO_SYNONYMS_SETS,
): Component | null {
  if (kind === 'tokenizer') return getTokenizer(type, settings, limits)
  if (kind === 'filter') return getTokenFilter(type, settings, limits, synonymsSets)
  return getCharFilter(type, settings)
}

function record(value: unknown): Record<string, AnalysisSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const out: Record<string, AnalysisSettings> = {}
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
      Object.defineProperty(out, name, { value: entry, enumerable: true })
    }
  }
  return out
}

/** Java's AbstractMap.toString of a flat definition: {type=ngram, min_gram=2}. */
function javaMapText(settings: AnalysisSettings): string {
  return `{${Object.entries(settings)
    .map(
      ([key, value]) =>
        `${key}=${Array.isArray(value) ? `[${value.map(settingText).join(', ')}]` : settingText(value)}`,
    )
    .join(', ')}}`
}

/** The normalizer every index has unless it defines its own of that name. */
const LOWERCASE_NORMALIZER = 'lowercase'

export class IndexAnalyzers {
  private readonly components = new Map<Kind, Map<string, NamedComponent<Component>>>()
  private readonly analyzers = new Map<string, Analyzer>()
  private readonly normalizers = new Map<string, CustomAnalyzer>()
  private readonly builtIns = new Map<string, Analyzer | null>()
  /**
   * `analysis` null is the global scope (no index): only built-ins, and ES's "global" error texts. `synonymsSets`
   * gives the rules of the synonyms sets the index's synonym filters name.
   */
  constructor(
    private readonly analysis: AnalysisSettings | null,
    private readonly limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS,
    synonymsSets: SynonymsSetRules = NO_SYNONYMS_SETS,
  ) {
    const definitions = analysis ?? {}
    for (const kind of ['char_filter', 'tokenizer', 'filter'] as const) {
      const built = new Map<string, NamedComponent<Component>>()
      for (const [name, settings] of Object.entries(record(definitions[kind]))) {
        const type = stringSetting(settings, 'type')
        if (type === undefined) {
          throw new IllegalArgumentException(
            `${kind} [${name}] must specify either an analyzer type, or a tokenizer`,
          )
        }
        const component = build(kind, type, settings, limits, synonymsSets)
        if (!component) throw new IllegalArgumentException(`Unknown ${kind} type [${type}] for [${name}]`)
        built.set(name, { name, type, component })
      }
      this.components.set(kind, built)
    }
    for (const [name, settings] of Object.entries(record(definitions['analyzer']))) {
      this.analyzers.set(name, this.buildAnalyzer(name, settings))
    }
    for (const [name, settings] of Object.entries(record(definitions['normalizer']))) {
      this.normalizers.set(name, this.buildNormalizer(name, settings))
    }
    // AnalysisRegistry: an index that defines no `lowercase` normalizer has ES's built-in one
    if (analysis !== null && !this.normalizers.has(LOWERCASE_NORMALIZER))
      this.normalizers.set(
        LOWERCASE_NORMALIZER,
        this.buildNormalizer(LOWERCASE_NORMALIZER, { filter: ['lowercase'] }),
      )
    for (const name of this.analyzers.keys()) {
      if (name.startsWith('_'))
        throw new IllegalArgumentException(`analyzer name must not start with '_'. got "${name}"`)
    }
  }

  get isGlobal(): boolean {
    return this.analysis === null
  }

  /**
   * The analyzer of that name: the index's own, then a built-in (built once per scope, since an Analyzer
   * keeps no per-call state); `default` is the default analyzer; a search_as_you_type subfield's wrapped
   * analyzer (search-as-you-type-analyzer.ts) and a text field's `._index_prefix` / `._index_phrase` one
   * (text-subfield-analyzer.ts) are built over the analyzer they wrap; null when there is none.
   */
  analyzer(name: string): Analyzer | null {
    const own = this.analyzers.get(name)
    if (own) return own
    if (name === 'default') return this.defaultAnalyzer()
    let builtIn = this.builtIns.get(name)
    if (builtIn === undefined) {
      const lookup = (base: string): Analyzer | null => this.analyzer(base)
      builtIn = wrappedAnalyzer(name, lookup) ?? textSubfieldAnalyzer(name, lookup) ?? getAnalyzer(name)
      this.builtIns.set(name, builtIn)
    }
    return builtIn
  }

  normalizer(name: string): CustomAnalyzer | null {
    return this.normalizers.get(name) ?? null
  }

  /** The analyzer of text fields that name none: the index's "default" analyzer, else standard. */
  defaultAnalyzer(): Analyzer {
    return this.analyzers.get('default') ?? this.analyzer('standard')!
  }

  /** A token filter by name, as a multiplexer or condition filter of this scope finds it. */
  lookupFilter(name: string): TokenFilter | null {
    return (this.named('filter', name)?.component as TokenFilter | undefined) ?? null
  }

  /** A component by name: the index's definition, then a built-in with default settings. */
  private named(kind: Kind, name: string): NamedComponent<Component> | null {
    const own = this.components.get(kind)?.get(name)
    if (own) return own
    const builtIn = build(kind, name, {}, this.limits)
    return builtIn ? { name, type: name, component: builtIn } : null
  }

  /**
   * A component as `_analyze` resolves it (AnalysisRegistry.getComponentFactory), with ES's errors; an inline
   * definition is checked against `limits` (the index's current settings), else the ones this scope was built with.
   */
  resolve(kind: 'tokenizer', spec: NameOrDefinition, limits?: AnalysisLimits): NamedComponent<Tokenizer>
  resolve(kind: 'filter', spec: NameOrDefinition, limits?: AnalysisLimits): NamedComponent<TokenFilter>
  resolve(kind: 'char_filter', spec: NameOrDefinition, limits?: AnalysisLimits): NamedComponent<CharFilter>
  resolve(kind: Kind, spec: NameOrDefinition, limits = this.limits): NamedComponent<Component> {
    if (typeof spec !== 'string') {
      const type = stringSetting(spec, 'type')
      if (type === undefined) {
        throw new IllegalArgumentException(
          `Missing [type] setting for anonymous ${kind}: ${javaMapText(spec)}`,
        )
      }
      const component = build(kind, type, spec, limits)
      if (!component) throw new IllegalArgumentException(`failed to find global ${kind} under [${type}]`)
      return { name: `__anonymous__${type}`, type, component }
    }
    const found = this.named(kind, spec)
    if (!found) {
      throw new IllegalArgumentException(
        `failed to find ${this.isGlobal ? 'global ' : ''}${kind} under [${spec}]`,
      )
    }
    return found
  }

  private buildAnalyzer(name: string, settings: AnalysisSettings): Analyzer {
    const type = stringSetting(settings, 'type')
    if (type === undefined && settings['tokenizer'] === undefined) {
      throw new IllegalArgumentException(
        `analyzer [${name}] must specify either an analyzer type, or a tokenizer`,
      )
    }
    if (type !== undefined && type !== 'custom') {
      const analyzer = getAnalyzer(type, settings)
      if (!analyzer) throw new IllegalArgumentException(`Unknown analyzer type [${type}] for [${name}]`)
      return analyzer
    }
    const label = `Custom Analyzer [${name}]`
    const tokenizerName = stringSetting(settings, 'tokenizer')
    if (tokenizerName === undefined)
      throw new IllegalArgumentException(`${label} must be configured with a tokenizer`)
    const tokenizer = this.named('tokenizer', tokenizerName)
    if (!tokenizer) {
      throw new IllegalArgumentException(`${label} failed to find tokenizer under name [${tokenizerName}]`)
    }
    const positionIncrementGap = intSetting(
      settings,
      'position_increment_gap',
      DEFAULT_POSITION_INCREMENT_GAP,
    )
    const offsetGap = intSetting(settings, 'offset_gap', -1)
    return new CustomAnalyzer(
      name,
      {
        tokenizer: tokenizer as NamedComponent<Tokenizer>,
        filters: this.chain(label, 'filter', settings, false) as Array<NamedComponent<TokenFilter>>,
        charFilters: this.chain(label, 'char_filter', settings, false) as Array<NamedComponent<CharFilter>>,
        filterLookup: (filterName) => this.lookupFilter(filterName),
      },
      positionIncrementGap,
      offsetGap < 0 ? DEFAULT_OFFSET_GAP : offsetGap,
    )
  }

  private buildNormalizer(name: string, settings: AnalysisSettings): CustomAnalyzer {
    const type = stringSetting(settings, 'type')
    if (type !== undefined && type !== 'custom') {
      throw new IllegalArgumentException(`Unknown normalizer type [${type}] for [${name}]`)
    }
    const label = `Custom normalizer [${name}]`
    if (settings['tokenizer'] !== undefined)
      throw new IllegalArgumentException(`${label} cannot configure a tokenizer`)
    return new CustomAnalyzer(name, {
      tokenizer: { name: 'keyword', type: 'keyword', component: new KeywordTokenizer() },
      filters: this.chain(label, 'filter', settings, true) as Array<NamedComponent<TokenFilter>>,
      charFilters: this.chain(label, 'char_filter', settings, true) as Array<NamedComponent<CharFilter>>,
    })
  }

  /** The named filters or char filters of a custom analyzer or normalizer, in order. */
  private chain(
    label: string,
    kind: 'filter' | 'char_filter',
    settings: AnalysisSettings,
    normalizer: boolean,
  ): Array<NamedComponent<Component>> {
    return (listSetting(settings, kind) ?? []).map((componentName) => {
      const found = this.named(kind, componentName)
      if (!found)
        throw new IllegalArgumentException(`${label} failed to find ${kind} under name [${componentName}]`)
      if (normalizer && !NORMALIZING_COMPONENTS.has(found.type)) {
        const what = kind === 'filter' ? 'filter' : 'char filter'
        throw new IllegalArgumentException(`${label} may not use ${what} [${componentName}]`)
      }
      return found
    })
  }
}

/** The scope of `_analyze` without an index. */
export const GLOBAL_ANALYZERS = new IndexAnalyzers(null)

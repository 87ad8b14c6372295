/**
 * An index's analysis, as its IndexMetadata keeps it: the `analysis` settings and limits given at creation
 * (custom analyzers, tokenizers, token filters, char filters and normalizers), built into IndexAnalyzers.
 * Bad settings fail index creation with ES's illegal_argument_exception; a mapping naming an analyzer the
 * index does not have fails with ES's mapper_parsing_exception, as MappingParserContext does (in a dynamic
 * template's mapping, as RootObjectMapper's validation of the template fails).
 */
import { DEFAULT_ANALYZER, indexTokens, type Analyzer, type TermSink } from '../analysis/index.ts'
import type { IndexAnalysisSettings } from '../analysis/custom/index-analysis-settings.ts'
import { IndexAnalyzers } from '../analysis/custom/index-analyzers.ts'
import type { SynonymsSetRules } from '../analysis/token-filter-registry.ts'
import { IllegalArgumentException } from '../analysis/token-list.ts'
import {
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperException,
  mapperParsingException,
} from '../errors/index.ts'
import type { AnalysisSettings } from '../analysis/custom/analysis-settings.ts'
import { notAllowedInMode } from '../analysis/custom/analysis-mode.ts'
import type { FieldMapping, Mapping } from './mapper/mapping.ts'
import type { TextAnalyzer } from './mapper/field-indexer.ts'
import { validateTemplate } from './mapper/dynamic-templates.ts'

/** The mapping parameters that name an analyzer. */
const ANALYZER_PARAMETERS = ['analyzer', 'search_analyzer', 'search_quote_analyzer'] as const

/** The field types whose `analyzer` is TextParams.Analyzers' (checked to be allowed in INDEX_TIME mode). */
const TEXT_PARAMS_TYPES: ReadonlySet<string> = new Set(['text', 'match_only_text', 'search_as_you_type'])

export class IndexAnalysis {
  readonly analyzers: IndexAnalyzers
  private readonly definitions: AnalysisSettings

  /**
   * Throws ES's illegal_argument_exception for settings that do not build, a mapper_exception (500) when the
   * `default` analyzer holds an updateable synonym filter. `synonymsSets` gives the rules of the
   * synonyms sets its filters read (none where the index is only validated, as ES reads empty sets then).
   */
  constructor(settings: IndexAnalysisSettings | undefined, synonymsSets?: SynonymsSetRules) {
    this.definitions = settings?.analysis ?? {}
    this.analyzers = asEsError(
      () => new IndexAnalyzers(settings?.analysis ?? {}, settings?.limits, synonymsSets),
    )
    // AnalysisRegistry.build: the default analyzer must run in ALL modes (no updateable synonym filter)
    const refused = notAllowedInMode(this.definitions, DEFAULT_ANALYZER, 'all')
    if (refused !== null) throw mapperException(refused)
  }

  /** The TextAnalyzer queries use: `default` is the index's default analyzer. */
  readonly analyze: TextAnalyzer = (name, text) => indexTokens(this.analyzer(name), text)

  /**
   * Indexing's analysis of one value (Analyzer.indexTerms with the named analyzer): its terms into `sink` from
   * `positionBase` on; answers the position after the last.
   */
  indexTerms(name: string, text: string, sink: TermSink, positionBase: number): number {
    return this.analyzer(name).indexTerms(text, sink, positionBase)
  }

  /**
   * KeywordFieldMapper.normalizeValue: the one token the named normalizer makes of `text` (the text itself when it
   * makes none, as the keyword tokenizer's one empty token of an empty text).
   */
  readonly normalize = (normalizer: string, text: string): string => {
    const found = this.analyzers.normalizer(normalizer)
    if (found === null) throw new Error(`normalizer [${normalizer}] is not defined in this index`)
    return found.terms(text).terms[0] ?? text
  }

  /** The terms the named analyzer indexes for `text`, in order (what a text field's fielddata uninverts). */
  terms(analyzer: string, text: string): readonly string[] {
    return this.analyzer(analyzer).terms(text).terms
  }

  /** The positions of the tokens the named analyzer makes of `text`, in order (a token_count's count). */
  positions(analyzer: string, text: string): readonly number[] {
    return this.analyzer(analyzer).terms(text).positions
  }

  private analyzer(name: string): Analyzer {
    const analyzer = this.analyzers.analyzer(name)
    if (!analyzer)
      throw new IllegalArgumentException(`analyzer [${name}] has not been configured in mappings`)
    return analyzer
  }

  /**
   * Every analyzer the mapping names must exist in this index (built-in or defined in its settings), and a text
   * field's index-time `analyzer` must not hold SEARCH_TIME filters (the parameter's validator,
   * NamedAnalyzer.checkAllowedInMode: a mapper_exception, wrapped as every mapping failure is).
   */
  checkMapping(mapping: Mapping): void {
    const check = (fields: Record<string, FieldMapping> | undefined): void => {
      for (const [name, field] of Object.entries(fields ?? {})) {
        for (const parameter of ANALYZER_PARAMETERS) {
          const name = field[parameter]
          if (name !== undefined && this.analyzers.analyzer(name) === null) {
            const reason = `analyzer [${name}] has not been configured in mappings`
            throw mapperParsingException(
              `Failed to parse mapping: ${reason}`,
              illegalArgumentException(reason),
            )
          }
        }
        const indexAnalyzer = field.analyzer
        if (indexAnalyzer !== undefined && TEXT_PARAMS_TYPES.has(field.type)) {
          const refused = notAllowedInMode(this.definitions, indexAnalyzer, 'index time')
          if (refused !== null) throw failedToParseMappingFrom(mapperException(refused))
        }
        if (field.normalizer !== undefined && this.analyzers.normalizer(field.normalizer) === null) {
          const reason = `normalizer [${field.normalizer}] not found for field [${name}]`
          throw mapperParsingException(`Failed to parse mapping: ${reason}`, mapperParsingException(reason))
        }
        check(field.properties)
        check(field.fields)
      }
    }
    check(mapping.properties)
    for (const template of mapping.dynamic_templates ?? [])
      validateTemplate(template, (field) => check(Object.fromEntries([[template.name, field]])))
  }
}

/** Runs `build`, turning the analysis package's IllegalArgumentException into ES's error body. */
function asEsError<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof IllegalArgumentException) throw illegalArgumentException(error.message)
    throw error
  }
}

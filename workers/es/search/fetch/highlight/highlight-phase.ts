/**
 * HighlightPhase on the data node: for one hit, every field the `highlight` section names (a `*` pattern
 * takes the search's text and keyword fields it matches, runtime ones included; a name the search does not map is
 * skipped; a wildcard field's query matches nothing, NOTHING_MATCHES), its values read from the stored `_source`
 * (keyword and wildcard values over their ignore_above, else the index's, left out; a search_as_you_type subfield's
 * are its root's), for a runtime field its values as the `fields` option prints them (ES's DocValueFetcher), for a
 * flattened field (or a key of one, highlighted as its index field `<root>._keyed`) the source values' Java
 * toString as one keyword token each (flattened-values.ts), and joined with NUL, its tokens re-analyzed with the
 * index analyzer (a runtime field
 * with the keyword analyzer, the one SearchExecutionContext.getIndexAnalyzer gives an unindexed field; a field alias
 * its target's, under its own name; its query
 * leaves hand the highlighter their terms as ES's runtime field queries visit them), the query's (or highlight_query's) matches turned into passages
 * (field-highlighter.ts) and fragments; a text past index.highlight.max_analyzed_offset fails the shard, and the
 * query's max_analyzed_offset keeps the tokens starting up to it. The answer is plain data: [field, fragments]
 * pairs in the order ES writes them (a java.util.HashMap's), or null when no field has a fragment.
 * Types: `unified` (default) and `plain` highlight alike here; `fvh` needs term vectors, which this
 * playground's mappings never have, so a field named for it fails as ES fails it; another name is
 * `unknown highlighter type`.
 */
import type { IndexQuery } from '../../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../../errors/index.ts'
import type { IndexService } from '../../../index/index-service.ts'
import { parseDocument, type LeafValue } from '../../../index/mapper/document-parser.ts'
import { isAnalyzedText, type FieldMapping, type Mapping } from '../../../index/mapper/mapping.ts'
import { concreteFieldName, searchFields } from '../../search-fields.ts'
import type { DocValuesSource } from '../../aggregations/index.ts'
import { ignoredAbove } from '../../../index/mapper/doc-values.ts'
import { DEFAULT_ANALYZER } from '../../../analysis/index.ts'
import { parseRequestBody } from '../../../rest/request-body.ts'
import { javaDoubleToString, type XContentValue } from '../../../xcontent/index.ts'
import {
  BoundedSentenceBreaker,
  MULTIVAL_SEP_CHAR,
  sentenceBreaks,
  separatorBreaks,
  SplittingBreaker,
  wordBreaks,
  type PassageBreaker,
} from './break-iterators.ts'
import { highlightPassages } from './field-highlighter.ts'
import { fieldOptions, type FieldOptions, type HighlightBuilder } from './highlight-builder.ts'
import { javaHashOrder, javaStringHashCode } from '../../../../net/java-hash.ts'
import { indexLimits } from '../../../index/index-limit-settings.ts'
import { mapperSettings } from '../../../index/index-metadata.ts'
import { extractedTermMatches, weightMatches, type FieldToken } from './query-matches.ts'
import { flattenedHighlightValues } from './flattened-values.ts'
import { FLATTENED, keyedIndexField } from '../../../index/mapper/flattened-field.ts'

export type HitHighlight = Array<[string, string[]]>

export interface HighlightContext {
  index: IndexService
  /** The mapping the search reads (runtime-mappings.ts). */
  mapping: Mapping
  /** The shard's doc values under that mapping, where runtime fields' values come from. */
  docValues(): DocValuesSource
  builder: HighlightBuilder
  query: IndexQuery
  /** Builds a highlight_query against this index. */
  buildQuery(body: XContentValue): IndexQuery
  /** Whether a clause without spans here (another field, no terms) matches the document in the index. */
  matchesElsewhere(query: IndexQuery, docId: number): boolean
}

interface FieldToHighlight {
  mapping: FieldMapping
  options: FieldOptions
  query: IndexQuery
}

const HIGHLIGHTABLE = new Set(['text', 'keyword'])

/**
 * A wildcard field's query as the highlighter sees it: its queries check each candidate's binary doc values, which
 * the highlighter's index of the one hit lacks, so none matches there and a named wildcard field gets no fragment but
 * its no_match_size one (elastic/elasticsearch#96013).
 */
const NOTHING_MATCHES: IndexQuery = { type: 'matchNone' }

function simpleMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.*')}$`, 's').test(name)
}

/** HighlightPhase.contextBuilders: the fields by name, in request order (a repeated name keeps its place). */
function fieldsToHighlight(context: HighlightContext): Map<string, FieldToHighlight> {
  const mappings = searchFields(context.mapping)
  const out = new Map<string, FieldToHighlight>()
  for (const { name, options: given } of context.builder.fields) {
    const options = fieldOptions(context.builder, given)
    const pattern = name.includes('*')
    if (!['unified', 'plain', 'fvh'].includes(options.type)) {
      throw illegalArgumentException(`unknown highlighter type [${options.type}] for the field [${name}]`)
    }
    const names = pattern ? [...mappings.keys()].filter((field) => simpleMatch(name, field)) : [name]
    for (const field of names) {
      const mapping = mappings.get(field)
      if (mapping === undefined || (pattern && !HIGHLIGHTABLE.has(mapping.type))) continue
      if (options.type === 'fvh') {
        if (pattern) continue
        throw illegalArgumentException(
          `the field [${field}] should be indexed with term vector with position offsets to be used with fast vector highlighter`,
        )
      }
      const query =
        mapping.type === 'wildcard'
          ? NOTHING_MATCHES
          : options.highlightQuery === null
            ? context.query
            : context.buildQuery(options.highlightQuery)
      out.set(field, { mapping, options, query })
    }
  }
  return out
}

/** The values as the highlighter loads them, and their tokens with offsets into the NUL-joined text. */
function analyzeValues(
  context: HighlightContext,
  mapping: FieldMapping,
  values: readonly LeafValue[],
): { content: string; tokens: FieldToken[] } {
  const { ignoreAbove } = mapperSettings(context.index.metadata)
  const texts = values
    .filter((value) => !ignoredAbove(mapping, value, ignoreAbove))
    .map((value) => String(value))
  const analyzer =
    mapping.runtime === undefined
      ? context.index.analysis.analyzers.analyzer(mapping.analyzer ?? DEFAULT_ANALYZER)
      : null
  const tokens: FieldToken[] = []
  let offset = 0
  let position = 0
  for (const text of texts) {
    if (
      mapping.type === 'keyword' ||
      mapping.type === 'wildcard' ||
      mapping.type === FLATTENED ||
      analyzer === null
    ) {
      tokens.push({ term: text, position, start: offset, end: offset + text.length })
      position += 101
    } else {
      const stream = analyzer.tokenStream(text)
      stream.terms.forEach((term, i) => {
        const at = stream.positions[i]!
        tokens.push({
          term,
          position: position + at,
          start: offset + stream.startOffsets[i]!,
          end: offset + stream.endOffsets[i]!,
        })
      })
      position += (stream.positions[stream.positions.length - 1] ?? -1) + 1 + 100
    }
    offset += text.length + 1
  }
  return { content: texts.join(MULTIVAL_SEP_CHAR), tokens }
}

/**
 * CustomUnifiedHighlighter's index.highlight.max_analyzed_offset check (the field's text is analyzed again: no
 * offsets are stored): a text longer than the index's limit fails the shard unless the query's
 * max_analyzed_offset is at most that limit, in which case only the tokens starting up to it are kept
 * (LimitTokenOffsetAnalyzer).
 */
function withinAnalyzedOffset(
  context: HighlightContext,
  field: string,
  docId: number,
  content: string,
  tokens: FieldToken[],
  queryMaxAnalyzedOffset: number | null,
): FieldToken[] {
  const { maxAnalyzedOffset } = indexLimits(context.index.metadata)
  if (
    content.length > maxAnalyzedOffset &&
    (queryMaxAnalyzedOffset === null || queryMaxAnalyzedOffset > maxAnalyzedOffset)
  ) {
    throw illegalArgumentException(
      `The length [${content.length}] of field [${field}] in doc[${docId}]/index[${context.index.metadata.name}] ` +
        `exceeds the [index.highlight.max_analyzed_offset] limit [${maxAnalyzedOffset}]. To avoid this error, set ` +
        `the query parameter [max_analyzed_offset] to a value less than index setting [${maxAnalyzedOffset}] and ` +
        'this will tolerate long field values by truncating them.',
    )
  }
  if (queryMaxAnalyzedOffset === null) return tokens
  return tokens.filter((token) => token.start <= queryMaxAnalyzedOffset)
}

/** DefaultHighlighter's break iterator for one value, wrapped to break every value on its own. */
function breakerFor(content: string, field: FieldToHighlight): PassageBreaker {
  const { options, mapping } = field
  if (options.numberOfFragments === 0 || !isAnalyzedText(mapping)) {
    return new SplittingBreaker(content, separatorBreaks)
  }
  if (options.boundaryScanner === 'word') return new SplittingBreaker(content, wordBreaks)
  if (options.boundaryScanner === 'chars') {
    throw illegalArgumentException('Invalid boundary scanner type: CHARS')
  }
  if (options.fragmentSize <= 0) return new SplittingBreaker(content, sentenceBreaks)
  return new SplittingBreaker(
    content,
    (text) =>
      new BoundedSentenceBreaker(text.length, sentenceBreaks(text), wordBreaks(text), options.fragmentSize),
  )
}

/** A runtime field's values as text, printed as the `fields` option prints them (DocValueFetcher). */
function runtimeValues(docValues: DocValuesSource, name: string, docId: number): string[] {
  const info = docValues.field(name)!
  return docValues.values(name, docId).map((value) => {
    if (typeof value === 'string') return value
    if (info.type === 'date') return info.format!.format(value)
    if (info.type === 'boolean') return String(value === 1)
    return info.type === 'double' ? javaDoubleToString(value) : String(value)
  })
}

/** The hit's highlight, or null when no field has a fragment. */
export function highlightHit(context: HighlightContext, source: string, docId: number): HitHighlight | null {
  const fields = fieldsToHighlight(context)
  if (fields.size === 0) return null
  const body = parseRequestBody(source)
  const parsed = parseDocument(body, context.mapping, null, false)
  const values = new Map(parsed.fields.map((field) => [field.path, field.values]))
  const found: HitHighlight = []
  const mappings = searchFields(context.mapping)
  for (const [name, field] of fields) {
    // A field alias highlights its target (whose name its query's leaves carry) under its own name; a flattened
    // field's key its index field `<root>._keyed` (KeyedFlattenedFieldType.name()).
    const { keyed } = field.mapping
    const concrete = keyed === undefined ? concreteFieldName(mappings, name) : keyedIndexField(keyed).field
    // a search_as_you_type subfield highlights its root's values (SourceValueFetcher of a multi-field)
    const path = field.mapping.derived ? concrete.slice(0, concrete.lastIndexOf('.')) : concrete
    const fieldValues =
      field.mapping.type === FLATTENED
        ? flattenedHighlightValues(body, keyed ? `${keyed.root}.${keyed.key}` : concrete)
        : field.mapping.runtime === undefined
          ? (values.get(path) ?? [])
          : runtimeValues(context.docValues(), name, docId)
    const analyzed = analyzeValues(context, field.mapping, fieldValues)
    const { content } = analyzed
    if (content.length === 0) continue
    const { options } = field
    const tokens = withinAnalyzedOffset(
      context,
      concrete,
      docId,
      content,
      analyzed.tokens,
      options.maxAnalyzedOffset,
    )
    const spans = options.requireFieldMatch
      ? (weightMatches(field.query, concrete, tokens, (q) => context.matchesElsewhere(q, docId)) ?? [])
      : extractedTermMatches(field.query, tokens)
    if (spans.length === 0 && options.noMatchSize <= 0) continue
    const snippets = highlightPassages(content, spans, breakerFor(content, field), wordBreaks(content), {
      maxPassages: options.numberOfFragments === 0 ? Number.MAX_SAFE_INTEGER : options.numberOfFragments,
      noMatchSize: options.noMatchSize,
      preTag: options.preTag,
      postTag: options.postTag,
      html: options.html,
      whole: options.numberOfFragments === 0,
    }).filter((snippet) => /\S/.test(snippet.text))
    if (snippets.length === 0) continue
    if (options.scoreOrdered) snippets.sort((a, b) => b.score - a.score)
    found.push([name, snippets.map((snippet) => snippet.text)])
  }
  return found.length > 0 ? javaHashOrder(found, ([field]) => javaStringHashCode(field)) : null
}

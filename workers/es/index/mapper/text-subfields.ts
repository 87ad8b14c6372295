/**
 * A text field's hidden subfields (TextFieldMapper's PrefixFieldMapper and PhraseFieldMapper), derived from its
 * `index_prefixes` and `index_phrases` (text-field.ts): `<field>._index_prefix` (PrefixFieldType, type name
 * `prefix`: the index analyzer's terms' edge n-grams of min_chars..max_chars, no norms, the field's index_options
 * but `docs` for `freqs`) and `<field>._index_phrase` (PhraseFieldType: its two-word shingles, the field's norms and
 * index_options, as its FieldType copies the field's), each searched with the field's search analyzers. They are
 * indexed from the field's values (field-indexer.ts) and queried by name (search/queries/text-subfield-queries.ts);
 * leafFields lists them; they never appear in a mapping's JSON.
 */
import { perObjectMemo } from '../../common/per-object-memo.ts'
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import { phraseAnalyzerName, prefixAnalyzerName } from '../../analysis/text-subfield-analyzer.ts'
import type { FieldMapping } from './mapping.ts'

const TYPE = 'text'

/**
 * What a derived subfield's Lucene FieldType copies of its parent's (`new FieldType(fieldType)`): `index_options`
 * and, unless `prefix` (a prefix subfield omits norms), `norms`; each only when the parent sets it.
 */
export function copiedFieldType(
  root: FieldMapping,
  prefix: boolean,
): Pick<FieldMapping, 'norms' | 'index_options'> {
  return {
    ...(root.index_options !== undefined ? { index_options: root.index_options } : {}),
    ...(!prefix && root.norms !== undefined ? { norms: root.norms } : {}),
  }
}
export const PREFIX_FIELD_SUFFIX = '._index_prefix'
export const PHRASE_FIELD_SUFFIX = '._index_phrase'

/**
 * A text field's hidden subfields by suffix (`._index_prefix`, then `._index_phrase`, as TextFieldMapper lists its
 * mappers), built once per mapping object; none for a field without index_prefixes and index_phrases.
 */
export const textSubfieldsOf: (root: FieldMapping) => readonly (readonly [string, FieldMapping])[] =
  perObjectMemo(buildSubfields)

function buildSubfields(root: FieldMapping): [string, FieldMapping][] {
  const analyzer = root.analyzer ?? DEFAULT_ANALYZER
  const search = root.search_analyzer ?? analyzer
  const out: [string, FieldMapping][] = []
  const prefixes = root.index_prefixes
  if (prefixes !== undefined) {
    out.push([
      PREFIX_FIELD_SUFFIX,
      {
        type: TYPE,
        analyzer: prefixAnalyzerName(analyzer, prefixes.min_chars, prefixes.max_chars),
        search_analyzer: search,
        search_quote_analyzer: root.search_quote_analyzer ?? search,
        index_prefixes: prefixes,
        // frequencies are not needed: prefix queries score a constant (TextFieldMapper.buildPrefixInfo)
        ...(root.index_options === 'freqs' ? { index_options: 'docs' } : copiedFieldType(root, true)),
        derived: { shingleSize: 1, prefix: true },
      },
    ])
  }
  if (root.index_phrases === true) {
    out.push([
      PHRASE_FIELD_SUFFIX,
      {
        type: TYPE,
        analyzer: phraseAnalyzerName(analyzer),
        search_analyzer: search,
        search_quote_analyzer: root.search_quote_analyzer ?? search,
        ...copiedFieldType(root, false),
        derived: { shingleSize: 2, prefix: false },
      },
    ])
  }
  return out
}

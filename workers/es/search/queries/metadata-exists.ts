/**
 * The `exists` query on metadata fields, as ExistsQueryBuilder.newFilter of ES 8.17 builds it: a field pattern
 * (`_*`, `*`, `_s*`) expands over the index's FieldTypeLookup, which holds the metadata fields of a standard index
 * beside the mapping's fields (field-capabilities-fetcher.ts lists them), and each matching field type's existsQuery
 * is asked in turn; so is a metadata field named outright.
 *
 * Six field types refuse: `_source` and `_doc_count` with their own query_shard_exception, `_data_stream_timestamp`
 * (IllegalArgumentException), `_nested_path`, `_feature` and `_field_names` (UnsupportedOperationException), the last
 * three wrapped by SearchExecutionContext.toQuery as "failed to create query: ...". When a pattern matches several
 * refusing fields, ES reports the first its lookup's immutable set iterates, an order salted per JVM start; here the
 * first in the lookup's registration order (see docs/DEVIATIONS.md).
 *
 * The others: `_id`, `_index` (metadata-fields.ts), `_seq_no` and `_version` (doc values on every document) exist for
 * every document; `_routing` and `_ignored` for the documents indexed with them; `_index_mode`, `_tier` (constant
 * field types without doc values in the segments) and `_ignored_source` (stored only) for none.
 */
import type { EsException } from '../../errors/index.ts'
import { METADATA_FIELD_NAMES } from '../../action/field-caps/field-capabilities-fetcher.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { queryShardException, type IndexRef } from '../query-string/query-parser-errors.ts'

export { METADATA_FIELD_NAMES }

type Refusal = (index: IndexRef | undefined) => EsException

const doesNotSupportExists = (name: string): string =>
  `Field [${name}] of type [${name}] does not support exists queries`

/** Each refusing metadata field's existsQuery failure. */
const EXISTS_REFUSALS: ReadonlyMap<string, Refusal> = new Map<string, Refusal>([
  ['_source', (index) => queryShardException('The _source field is not searchable', index)],
  [
    '_nested_path',
    (index) =>
      failedToCreateQuery(
        index,
        'unsupported_operation_exception',
        'Cannot run exists() query against the nested field path',
      ),
  ],
  ['_doc_count', (index) => queryShardException(doesNotSupportExists('_doc_count'), index)],
  [
    '_data_stream_timestamp',
    (index) =>
      failedToCreateQuery(
        index,
        'illegal_argument_exception',
        doesNotSupportExists('_data_stream_timestamp'),
      ),
  ],
  [
    '_feature',
    (index) =>
      failedToCreateQuery(index, 'unsupported_operation_exception', 'Cannot run exists query on [_feature]'),
  ],
  [
    '_field_names',
    (index) =>
      failedToCreateQuery(
        index,
        'unsupported_operation_exception',
        'Cannot run exists query on _field_names',
      ),
  ],
])

/** Metadata fields every document has (their exists query is MatchAllDocsQuery or a doc-values exists query). */
const ON_EVERY_DOCUMENT: ReadonlySet<string> = new Set(['_id', '_index', '_seq_no', '_version'])

/** What an exists query finds of a metadata field: every document, those indexed with it, or none. */
export function metadataExists(name: string): 'all' | 'indexed' | 'none' {
  if (ON_EVERY_DOCUMENT.has(name)) return 'all'
  return name === '_routing' || name === '_ignored' ? 'indexed' : 'none'
}

export function isMetadataField(name: string): boolean {
  return METADATA_FIELD_NAMES.includes(name)
}

/** Fails as the first refusing field among `fields` fails its existsQuery; nothing when none refuses. */
export function checkExistsRefusals(fields: readonly string[], index: IndexRef | undefined): void {
  const refused = METADATA_FIELD_NAMES.find((name) => EXISTS_REFUSALS.has(name) && fields.includes(name))
  if (refused !== undefined) throw EXISTS_REFUSALS.get(refused)!(index)
}

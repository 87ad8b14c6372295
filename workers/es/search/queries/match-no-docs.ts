/**
 * The reasons ES's Queries helpers give the MatchNoDocsQuery they build, as `MatchNoDocsQuery("reason")` prints them
 * in `_validate/query?explain` and profiles.
 */

/** Queries.newUnmappedFieldsQuery: the names as a Java list prints them (a null name: `null`). */
export function unmappedFieldsReason(names: ReadonlyArray<string | null>): string {
  return `unmapped fields [${names.map((name) => name ?? 'null').join(', ')}]`
}

/** Queries.newLenientFieldQuery: the field and the failure (its ElasticsearchException name and message). */
export function lenientFieldReason(field: string, exceptionName: string, message: string): string {
  return `failed [${field}] query, caused by ${exceptionName}:[${message}]`
}

/** ZeroTermsQueryOption.NONE's (and QueryStringQueryParser.parse's for blank text). */
export const NO_TERMS_REASON = 'Matching no documents because no terms present'

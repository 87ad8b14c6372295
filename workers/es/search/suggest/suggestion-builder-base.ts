/** What every suggestion of a `suggest` section has, as ES's abstract SuggestionBuilder holds it. */
export interface SuggestionBuilderBase {
  name: string
  /** The suggestion's own text (a completion's `prefix` first), else the global text; null when none is given. */
  text: string | null
  field: string
  analyzer: string | null
  size: number
  /** Options each shard returns: `shard_size`, else a default derived from `size`. */
  shardSize: number
}

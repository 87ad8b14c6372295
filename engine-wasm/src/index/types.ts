/**
 * The inverted index engine's TypeScript-facing types: analysed documents in, Lucene-style queries in,
 * top documents with BM25 scores (float32 values, as Lucene computes them) out.
 */
export interface AnalyzedToken {
  term: string
  /** Position within the field, as the analyzer assigned it (gaps allowed, e.g. after stop words). */
  position: number
  /**
   * How many positions the token spans (Lucene's PositionLengthAttribute), given only when more than one: a
   * multi-word synonym of synonym_graph, a shingle. Queries read a stream holding one as a token graph.
   */
  positionLength?: number
}

export interface AnalyzedField {
  field: string
  tokens: readonly AnalyzedToken[]
  /** Numeric doc values (long / double fields, dates as epoch millis), for range and exists queries. */
  values?: readonly number[]
  /**
   * False for a field indexed without norms (keyword, numbers, dates, booleans, `_id`: ES's `norms: false`):
   * BM25 then reads its length as 1, as Lucene does when a field has no norms. Default true.
   */
  norms?: boolean
  /**
   * False for a field indexed with IndexOptions.DOCS (ES's keyword, boolean): a term repeated in the document is
   * kept once, its freq 1, though each token still counts in the norm. Default true.
   */
  freqs?: boolean
}

export interface AnalyzedDocument {
  /** Dense shard-local document number, assigned by the caller, never reused. */
  docId: number
  fields: readonly AnalyzedField[]
}

/** A query tree, as Lucene's Query classes compose (TermQuery, BooleanQuery, PhraseQuery, ...). */
export type IndexQuery =
  | { type: 'term'; field: string; term: string; boost: number }
  | { type: 'phrase'; field: string; terms: readonly AnalyzedToken[]; slop: number; boost: number }
  /**
   * ES's MultiPhrasePrefixQuery: a phrase whose last position's terms are prefixes, expanded to at most
   * maxExpansions index terms when it runs (phrase-prefix.ts in assembly); positions relative to the first.
   */
  | {
      type: 'phrasePrefix'
      field: string
      terms: readonly AnalyzedToken[]
      slop: number
      maxExpansions: number
      boost: number
    }
  /**
   * Lucene's BlendedTermQuery.dismaxBlendedQuery (multi_match cross_fields): the terms' docFreqs blended when it
   * runs (blended-term-query.ts in assembly), then a dis_max of their TermQuerys, each with its boost.
   */
  | {
      type: 'blendedTerms'
      terms: readonly { field: string; term: string; boost: number }[]
      tieBreaker: number
      boost: number
    }
  | { type: 'matchAll'; boost: number }
  /** Lucene's MatchNoDocsQuery, with the reason its toString and explanation print (default ""). */
  | { type: 'matchNone'; reason?: string }
  /** Multi-term queries, constant score (boost) like ES 8's default rewrite. */
  | { type: 'prefix'; field: string; prefix: string; caseInsensitive?: boolean; boost: number }
  | { type: 'wildcard'; field: string; pattern: string; caseInsensitive?: boolean; boost: number }
  /** flags: RegExp syntax flags (RegexpFlags, default ALL). */
  | {
      type: 'regexp'
      field: string
      pattern: string
      maxDeterminizedStates: number
      flags?: number
      caseInsensitive?: boolean
      boost: number
    }
  /** Top maxExpansions terms by similarity, BM25-scored with blended docFreq (top_terms_blended_freqs). */
  | {
      type: 'fuzzy'
      field: string
      term: string
      maxEdits: number
      prefixLength: number
      maxExpansions: number
      transpositions: boolean
      boost: number
    }
  /** TermRangeQuery in code point order; null bounds are open. */
  | {
      type: 'termRange'
      field: string
      lower: string | null
      upper: string | null
      includeLower: boolean
      includeUpper: boolean
      boost: number
    }
  /** A range over numeric doc values, both bounds inclusive (±Infinity for open ends). */
  | {
      type: 'numericRange'
      field: string
      lower: number
      upper: number
      boost: number
      /** A date_nanos field's range: the bounds are the column's sortable doubles of epoch nanoseconds (described decoded). */
      nanos?: boolean
      /**
       * The Lucene point a mapped field's range queries, for its description (PointRangeQuery.toString): LongPoint
       * (long, date, date_nanos, scaled_float) and IntPoint (integer, short, byte) print an open end as the type's
       * MIN_VALUE / MAX_VALUE; DoublePoint and FloatPoint (float, half_float) print Double.toString /
       * Float.toString, an open end -Infinity / Infinity. Absent on other ranges (printed as plain numbers).
       */
      point?: 'long' | 'int' | 'double' | 'float'
    }
  | { type: 'exists'; field: string; boost: number }
  /** A SpanQuery under SpanWeight: BM25 of its sloppy frequency (span-query.ts in assembly); field is its getField. */
  | { type: 'span'; query: SpanQuery; boost: number }
  /** Lucene's IntervalQuery: the saturation of its source's sloppy frequency (intervals-query.ts in assembly). */
  | { type: 'intervals'; field: string; source: IntervalsSource; boost: number }
  /** A geo_point within radiusMeters; sortKey is GeoUtils.distanceQuerySortKey of it (what the engine compares). */
  | {
      type: 'geoDistance'
      field: string
      lat: number
      lon: number
      radiusMeters: number
      sortKey: number
      boost: number
    }
  /** A geo_point in a box, its bounds encoded (GeoEncodingUtils: lower ones rounded up, upper ones down). */
  | {
      type: 'geoBoundingBox'
      field: string
      minLat: number
      maxLat: number
      minLon: number
      maxLon: number
      crossesDateline: boolean
      boost: number
    }
  | { type: 'disMax'; queries: readonly IndexQuery[]; tieBreaker: number; boost: number }
  /**
   * A constant-scoring filter; `description` is the Lucene query's own text where it is not
   * `ConstantScore(filter)` (IdFieldType's TermInSetQuery `_id:([fe 1f])`), what explanations print.
   */
  | { type: 'constantScore'; filter: IndexQuery; boost: number; description?: string }
  | { type: 'boosting'; positive: IndexQuery; negative: IndexQuery; negativeBoost: number; boost: number }
  /** ES's FunctionScoreQuery: the query's score combined with its functions' (function-score.ts in assembly). */
  | {
      type: 'functionScore'
      query: IndexQuery
      functions: readonly IndexScoreFunction[]
      scoreMode: FunctionScoreMode
      boostMode: CombineFunction
      maxBoost: number
      minScore: number | null
      boost: number
    }
  /** Queries.newNonNestedFilter: the root documents (no `_nested_path`), scoring the boost (block-join.ts). */
  | { type: 'nonNested'; boost: number }
  /**
   * ESToParentBlockJoinQuery: `query`'s matches among the nested documents of `path` joined to their parent (a
   * root document when parentPath is null, else a nested document of parentPath), scored by scoreMode.
   */
  | {
      type: 'nested'
      path: string
      parentPath: string | null
      query: IndexQuery
      scoreMode: NestedScoreMode
      boost: number
    }
  /**
   * Lucene's CombinedFieldQuery (ES's combined_fields, BM25F): the terms scored as one term of a field combining
   * `fields`, each counted `weight` times (combined-field-query.ts in assembly); fields sorted by name, terms in
   * UTF-8 byte order, as the query keeps them. `norms` is false when the fields have none (the norm is then 1).
   */
  | {
      type: 'combinedField'
      fields: readonly { field: string; weight: number }[]
      terms: readonly string[]
      norms: boolean
      boost: number
    }
  /**
   * Lucene's SynonymQuery (a match query's terms at one position): the terms scored as one term of `field`,
   * its docFreq their max and its frequency their sum; run as a CombinedFieldQuery of the one field, weight 1,
   * which counts the same (combined-field-query.ts in assembly). Terms in UTF-8 byte order, as the query keeps them.
   */
  | { type: 'synonym'; field: string; terms: readonly string[]; norms: boolean; boost: number }
  /**
   * Lucene's CoveringQuery (ES's terms_set): documents matching at least their minimumNumberMatch of the queries
   * (covering-query.ts in assembly), scored the sum of the matching ones' scores; the boost is passed down to them.
   */
  | { type: 'covering'; queries: readonly IndexQuery[]; minimumNumberMatch: LongValuesSource; boost: number }
  /**
   * ES's MoreLikeThisQuery before its rewrite: the terms and frequencies of what it is like, whose interesting terms
   * only a shard's statistics select (search/queries/x-more-like-this.ts). It never reaches the engine: the shard
   * that runs the query rewrites it into a bool of term queries first (encodeQuery refuses it).
   */
  | { type: 'moreLikeThis'; like: MoreLikeThisTerms; boost: number }
  /**
   * Lucene's FeatureQuery (ES's rank_feature): the documents with a frequency FeatureField stored for term `feature`
   * of field `luceneField`, each scored by `fn` of the value it decodes to (rank-feature-query.ts in assembly), with
   * the boost as the function's weight. `linearTerm`: ES's LinearRankFeatureTermQuery instead (a term query on a
   * rank_features field), which scores as the linear function but describes and explains itself differently.
   */
  | {
      type: 'rankFeature'
      luceneField: string
      feature: string
      fn: FeatureFunction
      linearTerm?: boolean
      boost: number
    }
  /**
   * Lucene's LongDistanceFeatureQuery (ES's distance_feature on a date or date_nanos field: origin and pivot in the
   * field's resolution, epoch millis or nanos) and LatLonPointDistanceFeatureQuery (on a geo_point field: origin
   * lat/lon, pivot in meters): every document with a value scores boost * pivot / (pivot + distance)
   * (distance-feature-query.ts in assembly).
   */
  | {
      type: 'distanceFeature'
      field: string
      origin:
        | { kind: 'date' | 'dateNanos'; value: bigint; pivot: bigint }
        | { kind: 'geo'; lat: number; lon: number; pivot: number }
      boost: number
    }
  /**
   * ES's CappedScoreQuery (search-business-rules, the `pinned` query's organic part): the query's matches, each
   * scoring Math.min(maxScore, its score) (capped-score-query.ts in assembly). No builder boosts it: its boost is 1.
   */
  | { type: 'cappedScore'; query: IndexQuery; maxScore: number; boost: number }
  /**
   * ES's KnnScoreDocQuery (Lucene's DocAndScoreQuery): the documents a knn search found on the shard, by doc id
   * (strictly ascending), each scoring its similarity score (a Java float) times the boost (knn-score-doc.ts in
   * assembly); explained "within top k documents". `percolate`: ES's PercolateQuery, its matches found on the shard
   * (search/queries/percolate-query.ts), explained and profiled as PercolateQuery.
   */
  | {
      type: 'knnScoreDoc'
      docs: readonly number[]
      scores: readonly number[]
      boost: number
      percolate?: boolean
    }
  /**
   * ES's percolate query built without a shard (`_explain`, `_validate/query`, the by-query APIs): the shard that runs
   * it resolves it into the knnScoreDoc of its matches (search/queries/percolate-query.ts; encodeQuery refuses it).
   * `documents`: the percolated documents as JSON.
   */
  | { type: 'percolate'; field: string; documents: readonly string[]; name: string; boost: number }
  /**
   * ES's knn query (KnnVectorQueryBuilder) built without a shard: the shard that runs it resolves it into a
   * knnScoreDoc of its best k documents (search/vectors/knn-query-builder.ts; encodeQuery refuses it).
   */
  | {
      type: 'knnVector'
      field: string
      queryVector: readonly number[]
      k: number
      numCandidates: number
      similarity: number | null
      filter: IndexQuery | null
      boost: number
    }
  | {
      type: 'bool'
      must: readonly IndexQuery[]
      should: readonly IndexQuery[]
      mustNot: readonly IndexQuery[]
      filter: readonly IndexQuery[]
      /** How many should clauses must match; 0 means "none required" unless there is no must/filter. */
      minimumShouldMatch: number
      boost: number
    }

/**
 * FeatureField's scoring functions of a feature value S with weight w: linear w * S, log w * log(a + S), saturation
 * w * S / (S + k) (pivot null: k computed from the index's statistics of the term when the query runs), sigmoid
 * w * S^a / (S^a + k^a). Parameters are float32, as Lucene holds them.
 */
export type FeatureFunction =
  | { type: 'linear' }
  | { type: 'log'; scalingFactor: number }
  | { type: 'saturation'; pivot: number | null }
  | { type: 'sigmoid'; pivot: number; exponent: number }

/**
 * Lucene's SpanQuery family. `field` on near and or is the query's getField (its first clause's). A spanMulti is
 * SpanMultiTermQueryWrapper before its rewrite: InvertedIndex expands it against the index's terms into a spanOr of
 * spanTerms (span-multi-rewrite.ts); `topTerms` null is ES's SpanBooleanQueryRewriteWithMaxClause (every term, at
 * most maxClauseCount), a number TopTermsSpanBooleanQueryRewrite (that many terms, the best by boost).
 */
export type SpanQuery =
  | { type: 'spanTerm'; field: string; term: string }
  | { type: 'spanNear'; field: string; clauses: readonly SpanQuery[]; slop: number; inOrder: boolean }
  | { type: 'spanOr'; field: string; clauses: readonly SpanQuery[] }
  | { type: 'spanFirst'; match: SpanQuery; end: number }
  | { type: 'spanNot'; include: SpanQuery; exclude: SpanQuery; pre: number; post: number }
  | { type: 'spanContaining'; big: SpanQuery; little: SpanQuery }
  | { type: 'spanWithin'; big: SpanQuery; little: SpanQuery }
  | { type: 'fieldMaskingSpan'; query: SpanQuery; field: string }
  | {
      type: 'spanMulti'
      query: Extract<IndexQuery, { type: 'prefix' | 'wildcard' | 'regexp' | 'fuzzy' | 'termRange' }>
      topTerms: number | null
      /** The wrapped query's toString, as the rewrite's texts print it. */
      description: string
    }
  /** ES's SpanMatchNoDocsQuery (an unmapped field, a rewrite to nothing), with its reason. */
  | { type: 'spanMatchNone'; field: string; reason: string }
  /** SpanNearQuery.Builder.addGap's SpanGapQuery: `width` positions, only as a clause of an ordered spanNear. */
  | { type: 'spanGap'; field: string; width: number }

/**
 * Lucene's IntervalsSource tree as the Intervals factories build it (intervals-sources.ts: disjunctions already
 * pulled up where Lucene pulls them). A multiTerm leaf (prefix, wildcard, regexp, fuzzy, range) is expanded against
 * the index into its `terms` before the query runs (intervals-program.ts); `pattern` is its toString's text.
 */
export type IntervalsSource =
  | { type: 'term'; term: string }
  | {
      type: 'multiTerm'
      pattern: string
      query: Extract<IndexQuery, { type: 'prefix' | 'wildcard' | 'regexp' | 'fuzzy' | 'termRange' }>
      /** The accepted index terms, once expanded (null before). */
      terms: readonly string[] | null
    }
  | { type: 'or'; sources: readonly IntervalsSource[] }
  | { type: 'ordered' | 'unordered' | 'block'; sources: readonly IntervalsSource[] }
  | { type: 'maxGaps'; gaps: number; source: IntervalsSource }
  | {
      type:
        'containing' | 'containedBy' | 'notContaining' | 'notContainedBy' | 'overlapping' | 'nonOverlapping'
      source: IntervalsSource
      reference: IntervalsSource
    }
  | { type: 'extend'; source: IntervalsSource; before: number; after: number }
  | { type: 'offset'; source: IntervalsSource; before: boolean }
  | { type: 'fixField'; field: string; source: IntervalsSource }
  | { type: 'noIntervals' }

/**
 * A LongValuesSource resolved on the shard: each live document's long (global doc id → value; a document without
 * one is absent), and the source's toString (`long(field)`, `script(...)`) for query descriptions.
 */
export interface LongValuesSource {
  description: string
  values: ReadonlyMap<number, number>
}

/**
 * What a more_like_this query selects its terms from, its noise words and skipped terms already left out: each word
 * with its frequency, in the iteration order of the Java HashMap ES collects them into (XMoreLikeThis).
 */
export interface MoreLikeThisTerms {
  /** The query's fields (moreLikeFields): the like texts' terms are looked up in each. */
  fields: readonly string[]
  /** The like texts as given, what Query.toString() prints; null without any. */
  likeText: readonly string[] | null
  /** The words of the like texts (analysed as the first field), or null without any like text. */
  textWords: ReadonlyArray<readonly [string, number]> | null
  /** Per field of the like items' term vectors (in HashSet order), its words; null without any like item. */
  itemWords: ReadonlyArray<{ field: string; words: ReadonlyArray<readonly [string, number]> }> | null
  maxQueryTerms: number
  minTermFreq: number
  minDocFreq: number
  maxDocFreq: number
  /** boost_terms: 0 for none. */
  boostTerms: number
  minimumShouldMatch: string
}

export type NestedScoreMode = 'none' | 'avg' | 'max' | 'min' | 'sum'
export type FunctionScoreMode = 'multiply' | 'sum' | 'avg' | 'first' | 'max' | 'min'
export type CombineFunction = 'multiply' | 'replace' | 'sum' | 'avg' | 'max' | 'min'
export type FieldValueModifier =
  'none' | 'log' | 'log1p' | 'log2p' | 'ln' | 'ln1p' | 'ln2p' | 'square' | 'sqrt' | 'reciprocal'
export type DecayShape = 'gauss' | 'exp' | 'linear'
export type MultiValueMode = 'min' | 'max' | 'avg' | 'sum'

/**
 * One function of a function_score query (ES's ScoreFunction), applied where `filter` matches (everywhere when
 * null), its value times `weight` when set (WeightFactorFunction). A decay's `scale` is the user's; origin,
 * scale and offset are epoch millis / millis for dates.
 */
export interface IndexScoreFunction {
  filter: IndexQuery | null
  weight: number | null
  fn:
    | { type: 'weight' }
    | {
        type: 'fieldValueFactor'
        field: string
        /** The name the request gave when it is a field alias of `field` (explanations print it). */
        alias?: string
        factor: number
        modifier: FieldValueModifier
        missing: number | null
      }
    | {
        type: 'decay'
        shape: DecayShape
        field: string
        /** The name the request gave when it is a field alias of `field` (explanations print it). */
        alias?: string
        origin: number
        scale: number
        offset: number
        decay: number
        mode: MultiValueMode
      }
    | {
        /**
         * RandomScoreFunction: `saltedSeed` is BitMixer.mix(seed ^ salt); `hashes` the murmur3 hash of each
         * document's field value by doc id (a document absent from it has no value), or null to hash doc ids.
         */
        type: 'random'
        /** The seed before salting and the field (null: doc ids), as the explanation names them. */
        seed: number
        field: string | null
        saltedSeed: number
        hashes: ReadonlyMap<number, number> | null
      }
}

/** A term of a field near a word (InvertedIndex.fuzzyTerms): its edit distance and docFreq. */
export interface FuzzyTerm {
  term: string
  edits: number
  docFreq: number
}

export interface ScoreDoc {
  docId: number
  score: number
}

export interface TopDocs {
  totalHits: number
  maxScore: number | null
  scoreDocs: ScoreDoc[]
}

export interface FieldStatistics {
  docCount: number
  sumTotalTermFreq: number
  sumDocFreq: number
}

/** Lucene's TermStatistics of one term of one field. */
export interface TermStatistics {
  field: string
  term: string
  /** Documents containing the term (n), >= 1. */
  docFreq: number
  totalTermFreq: number
}

/** Lucene's CollectionStatistics of one field. */
export interface CollectionStatistics {
  field: string
  maxDoc: number
  /** Documents with at least one term in the field (N), >= 1. */
  docCount: number
  sumTotalTermFreq: number
  sumDocFreq: number
}

/**
 * The statistics a query's scoring weights ask for: one shard's, as its DFS phase records them (Elasticsearch's
 * DfsSearchResult), or their sums over the shards (AggregatedDfs), which a search then scores every shard with.
 */
export interface DfsStatistics {
  maxDoc: number
  fields: CollectionStatistics[]
  terms: TermStatistics[]
}

/** One Lucene segment of an index, in index order: its name is `_` + generation in base 36. */
export interface SegmentInfo {
  name: string
  generation: number
  /** The global doc id of its first document: global id = docBase + local id. */
  docBase: number
  maxDoc: number
  /** Documents marked deleted, still counted by the index's statistics until a merge drops them. */
  delCount: number
}

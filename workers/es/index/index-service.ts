/**
 * IndexService: one index as this node knows it: its metadata (every node has every index's settings and
 * mapping from the cluster state) and the shard copies this node holds. Routes a document to its shard
 * number (OperationRouting) and parses and analyses documents against the mapping. Each write returns the
 * shard operation it made; the caller persists a request's operations as one translog batch (translog.ts).
 *
 * A write whose document adds fields to the mapping is refused with MappingUpdateRequired, carrying the
 * mapping it needs: the primary has the master apply it (MappingUpdatedAction) and tries again, so no
 * copy ever holds a document its published mapping does not describe. A write that fails to parse
 * changes nothing; its failure is located in the document's text (document-failure.ts).
 */
import type { XContentObject } from '../xcontent/index.ts'
import { storedFieldsJson } from './mapper/stored-field-values.ts'
import { shardId } from '../cluster/routing/operation-routing.ts'
import { mapperSettings, type IndexMetadata } from './index-metadata.ts'
import type {
  AnalyzeDocument,
  IndexShard,
  ShardOperation,
  VersionPlan,
  WriteResult,
} from './shard/index-shard.ts'
import {
  parseDocument,
  parseDocumentReadingDates,
  type IndexMapperSettings,
  type ParsedDocument,
} from './mapper/document-parser.ts'
import { locateDocumentFailure } from './mapper/document-failure.ts'
import { indexDocument, type BlockDocValues } from './mapper/field-indexer.ts'
import { numericDocValues } from './mapper/doc-values.ts'
import type { Mapping } from './mapper/mapping.ts'
import { IndexAnalysis } from './index-analysis.ts'
import { concreteIndexNames } from '../cluster/metadata/index-abstraction.ts'
import { LENIENT_EXPAND_OPEN } from '../cluster/metadata/indices-options.ts'
import { percolatorQueryCheck } from '../search/queries/percolator-query-check.ts'
import type { SynonymsSets } from '../synonyms/synonyms-metadata.ts'
import { reloadableAnalyzers, synonymsSetsUsed } from '../synonyms/reload-analyzers.ts'

/** The index's analysis over the rules of the synonyms sets it read. */
function indexAnalysis(metadata: IndexMetadata, synonymsSets: SynonymsSets): IndexAnalysis {
  return new IndexAnalysis(metadata.analysis, (setId) =>
    (Object.hasOwn(synonymsSets, setId) ? synonymsSets[setId]! : []).map((rule) => rule.synonyms),
  )
}

/** The rules of the synonyms sets the index's filters read, as `synonymsSets` holds them now. */
function synonymsRulesRead(
  metadata: IndexMetadata,
  synonymsSets: SynonymsSets,
): Record<string, SynonymsSets[string]> {
  const read: Record<string, SynonymsSets[string]> = {}
  for (const setId of synonymsSetsUsed(metadata.analysis?.analysis ?? {})) {
    if (Object.hasOwn(synonymsSets, setId)) read[setId] = synonymsSets[setId]!
  }
  return read
}

/** The nested documents' doc values of a document without nested documents (most): shared, never written. */
const NO_NESTED_DOC_VALUES: BlockDocValues['nested'] = []

export interface ShardWrite {
  shard: number
  write: WriteResult
  operation: ShardOperation
}

/** The document needs fields the index's mapping does not have yet: `mapping` is the mapping it needs. */
export class MappingUpdateRequired extends Error {
  override name = 'MappingUpdateRequired'
  constructor(readonly mapping: Mapping) {
    super('mapping update required')
  }
}

export class IndexService {
  /** The shard copies this node holds, by shard number. */
  readonly shards = new Map<number, IndexShard>()
  private analyzers: IndexAnalysis
  private mappers: IndexMapperSettings
  /** The rules of the synonyms sets the analyzers were built with (read when built, then on each reload). */
  private synonymsRules: SynonymsSets

  /**
   * `clusterIndices`: every index of the applied cluster state (this one's alone when not given); `synonymsSets`:
   * the cluster's synonyms sets, which its synonym filters may read.
   */
  constructor(
    public metadata: IndexMetadata,
    private readonly clusterIndices: () => readonly IndexMetadata[] = () => [this.metadata],
    synonymsSets: SynonymsSets = {},
  ) {
    this.synonymsRules = synonymsRulesRead(metadata, synonymsSets)
    this.analyzers = indexAnalysis(metadata, this.synonymsRules)
    this.mappers = this.mapperSettings(metadata)
  }

  /** The index's analyzers: built-ins plus those its settings define. */
  get analysis(): IndexAnalysis {
    return this.analyzers
  }

  /** What the mappers read from the index's settings, and how they check a percolator field's query. */
  private mapperSettings(metadata: IndexMetadata): IndexMapperSettings {
    return { ...mapperSettings(metadata), percolatorQueries: percolatorQueryCheck(this) }
  }

  /**
   * Follows the cluster state's newest settings and mapping. Each applied cluster state is a fresh copy: the
   * analyzers are rebuilt only when their settings changed, reading the synonyms sets anew; a change of a set alone
   * reaches them through a reload (reloadSearchAnalyzers).
   */
  updateMetadata(metadata: IndexMetadata, synonymsSets: SynonymsSets = {}): void {
    if (JSON.stringify(metadata.analysis) !== JSON.stringify(this.metadata.analysis)) {
      this.synonymsRules = synonymsRulesRead(metadata, synonymsSets)
      this.analyzers = indexAnalysis(metadata, this.synonymsRules)
    }
    this.metadata = metadata
    this.mappers = this.mapperSettings(metadata)
  }

  /**
   * MapperService.reloadSearchAnalyzers: the reloadable analyzers a reload for `resource` (a synonyms set id; null:
   * all) reaches, rebuilt over the rules `synonymsSets` now holds for that set (every set when null) unless
   * `preview`. Answers their names.
   */
  reloadSearchAnalyzers(resource: string | null, preview: boolean, synonymsSets: SynonymsSets): string[] {
    const reloaded = reloadableAnalyzers(this.metadata.analysis?.analysis ?? {}, resource)
    if (reloaded.length === 0 || preview) return reloaded
    const current = synonymsRulesRead(this.metadata, synonymsSets)
    const rules: Record<string, SynonymsSets[string]> =
      resource === null ? current : { ...this.synonymsRules }
    if (resource !== null) {
      if (Object.hasOwn(current, resource)) rules[resource] = current[resource]!
      else delete rules[resource]
    }
    this.synonymsRules = rules
    this.analyzers = indexAnalysis(this.metadata, rules)
    return reloaded
  }

  /**
   * SearchIndexNameMatcher: whether `expression`, resolved leniently over the cluster's open indices, aliases and
   * data streams as one index expression (no comma list), reaches this index; `cluster:index` names a remote index.
   */
  matchesExpression(expression: string): boolean {
    if (expression === '' || expression.includes(',') || expression.includes(':')) return false
    return concreteIndexNames(this.clusterIndices(), expression, LENIENT_EXPAND_OPEN).includes(
      this.metadata.name,
    )
  }

  shardNumber(id: string, routing: string | null): number {
    return shardId(id, routing, this.metadata.numberOfShards, this.metadata.routingNumShards)
  }

  /**
   * Indexes a document on this primary copy with the version `plan` gives it; throws EsException (and changes nothing)
   * when it does not fit.
   */
  index(
    shard: IndexShard,
    id: string,
    source: string,
    parsed: XContentObject,
    routing: string | null,
    now: number,
    plan: VersionPlan,
    dynamicTemplates?: Readonly<Record<string, string>>,
  ): ShardWrite {
    const { metadata, mappers } = this
    const joined = { id, routing }
    let document: ParsedDocument
    try {
      document = parseDocument(parsed, metadata.mapping, id, true, dynamicTemplates, mappers, joined)
    } catch (error) {
      throw locateDocumentFailure(error, source)
    }
    if (document.mappingUpdate) throw new MappingUpdateRequired(document.mappingUpdate)
    let indexing: AnalyzeDocument
    try {
      indexing = this.indexing(id, routing, document)
    } catch (error) {
      // a date the walk left to the doc values did not parse: a walk that reads dates fails at its value
      try {
        parseDocumentReadingDates(parsed, metadata.mapping, id, dynamicTemplates, mappers, joined)
      } catch (located) {
        throw locateDocumentFailure(located, source)
      }
      throw error
    }
    const stored = storedFieldsJson(document.fields, this.analyzers, mappers.ignoreAbove)
    const { write, operation } = shard.indexDocument(id, source, routing, indexing, now, plan, stored)
    return { shard: shard.shardId, write, operation }
  }

  delete(shard: IndexShard, id: string, now: number, plan: VersionPlan): ShardWrite {
    const { write, operation } = shard.deleteDocument(id, now, plan)
    return { shard: shard.shardId, write, operation }
  }

  /**
   * Applies an operation the primary assigned (on a replica, or replayed from the translog at start-up);
   * a document is indexed with the fields it has even where the mapping this node applied lags behind.
   */
  apply(
    shard: IndexShard,
    operation: ShardOperation,
    parse: (source: string) => XContentObject,
    now: number,
  ): void {
    if (operation.op === 'delete') {
      shard.apply(operation, null, now)
      return
    }
    // a stored document carries the id and routing a join field indexes
    const { doc } = operation
    // the index's own mapper settings (flattened values over its ignore_above), without the percolator check
    const settings = mapperSettings(this.metadata)
    const document = parseDocument(parse(doc.source), this.metadata.mapping, null, true, {}, settings, doc)
    const stored = storedFieldsJson(document.fields, this.analyzers, settings.ignoreAbove)
    shard.apply(operation, this.indexing(operation.doc.id, operation.doc.routing, document), now, stored)
  }

  /**
   * How the shard inverts document `id` into its open buffer, which it does at once, at the document's provisional
   * doc id (its numeric doc values are read first, so a date that does not parse fails the write before the
   * shard starts the document).
   */
  private indexing(id: string, routing: string | null, document: ParsedDocument): AnalyzeDocument {
    const nested = document.nested
    const numeric = {
      root: numericDocValues(document, id, this.analyzers),
      nested:
        nested.length === 0
          ? NO_NESTED_DOC_VALUES
          : nested.map((doc) => numericDocValues(doc, id, this.analyzers)),
    }
    const { ignoreAbove } = this.mappers
    return (docId, flush) =>
      indexDocument(flush, docId, { id, routing }, document, this.analyzers, numeric, ignoreAbove)
  }

  refresh(now: number): void {
    for (const shard of this.shards.values()) shard.refresh(now)
  }

  scheduledRefresh(now: number): void {
    for (const shard of this.shards.values())
      shard.maybeScheduledRefresh(now, this.metadata.refreshIntervalMs)
  }

  close(): void {
    for (const shard of this.shards.values()) shard.close()
    this.shards.clear()
  }
}

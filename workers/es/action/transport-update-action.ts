/**
 * TransportUpdateAction.shardOperation (ES 8.17) for a single `_update` whose index has ingest pipelines: the
 * update is prepared against the document as a realtime GET finds it (UpdateHelper.prepare, the same code the
 * primary runs for a bulk update item: doc-write.ts prepareShardUpdate), and what it becomes is written as a
 * bulk of one item, so the index's default and final pipelines run on it as on any index request
 * (transport-bulk-action.ts); the request names no pipeline (the update API takes no `pipeline`).
 *
 * - an upsert (created) is a create of the upsert document; an update (updated) is an index request
 *   conditional on the seq_no and primary term the GET read; a script's `delete` is a conditional delete;
 * - a noop writes nothing and answers the current document (no `_shards` copies);
 * - a version conflict of that write prepares and writes again, up to `retry_on_conflict` times;
 * - the answer's `get._source` is the source before the pipelines (ES keeps the prepared request's bytes).
 * Without pipelines, the update runs on the primary as one shard operation (doc-write.ts), with the same result.
 */
import { EsException } from '../errors/index.ts'
import { storedScriptLookup } from '../cluster/metadata/script-metadata.ts'
import type { RestContext } from '../rest/rest-context.ts'
import {
  prepareShardUpdate,
  updateNoop,
  type DocWriteResult,
  type RefreshPolicy,
  type ShardWriteItem,
} from './doc-write.ts'
import { realtimeGet } from './transport-get-action.ts'
import { executeSingleWrite } from './transport-bulk-action.ts'

export async function updateThroughIngest(
  context: RestContext,
  name: string,
  item: Extract<ShardWriteItem, { op: 'update' }>,
  refresh: RefreshPolicy,
  retryOnConflict: number,
): Promise<DocWriteResult> {
  for (let retries = 0; ; retries++) {
    const { index, doc } = await realtimeGet(context, name, item.id, item.routing)
    const shard = index.shardNumber(item.id, item.routing)
    const scripts = storedScriptLookup(context.client.cluster.state())
    const plan = prepareShardUpdate(index, shard, item, doc, context.clock.now(), scripts)
    const concrete = index.metadata.name
    if (plan.kind === 'noop') {
      const shards = { total: 0, successful: 0, failed: 0 }
      return { ...updateNoop(doc), index: concrete, id: item.id, shards, forcedRefresh: false }
    }
    const target = {
      id: item.id,
      routing: item.routing,
      ifSeqNo: doc === null ? null : doc.seqNo,
      ifPrimaryTerm: doc === null ? null : doc.primaryTerm,
    }
    const write: ShardWriteItem =
      plan.kind === 'delete'
        ? { ...target, op: 'delete' }
        : { ...target, op: 'index', create: plan.created, text: plan.text }
    try {
      const result = await executeSingleWrite(context, concrete, write, refresh)
      return plan.kind === 'index' ? { ...result, sourceText: plan.text } : result
    } catch (error) {
      const conflict = error instanceof EsException && error.type === 'version_conflict_engine_exception'
      if (!conflict || retries >= retryOnConflict) throw error
    }
  }
}

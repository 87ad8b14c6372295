/**
 * The creation of a system index the playground writes itself (SystemIndexDescriptor's primary index, made on the
 * first write as SystemIndexManager would): one shard, `auto_expand_replicas` 0-1 (resolved when the index is made),
 * hidden as system indices are, with the descriptor's other settings and its mappings. Nothing happens when the
 * index exists already.
 */
import { buildIndexMetadata } from '../cluster/metadata/metadata-create-index-service.ts'
import { XNumber, type XContentValue } from '../xcontent/index.ts'
import type { RestContext } from '../rest/rest-context.ts'

export async function ensureSystemIndex(
  context: RestContext,
  name: string,
  settings: ReadonlyArray<[string, XContentValue]>,
  mappings: Map<string, XContentValue>,
): Promise<void> {
  const state = context.client.cluster.state()
  if (state.metadata.indices[name]) return
  const replicas = Math.min(1, Math.max(0, state.nodes.length - 1))
  const metadata = buildIndexMetadata(
    state,
    name,
    {
      settings: new Map<string, XContentValue>([
        ['index.number_of_shards', new XNumber('1')],
        ['index.number_of_replicas', new XNumber(String(replicas))],
        ['index.auto_expand_replicas', '0-1'],
        ...settings,
        ['index.hidden', true],
      ]),
      mappings,
    },
    context.newUuid(),
    context.clock.now(),
  )
  await context.client.cluster.execute({ type: 'create_index', metadata, ifMissing: true })
}

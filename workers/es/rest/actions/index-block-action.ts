/**
 * PUT /{index}/_block/{block} (RestAddIndexBlockAction, TransportAddIndexBlockAction, and
 * MetadataIndexStateService.addIndexBlock on the master), ES 8.17:
 * - the block is APIBlock.fromName's (`read_only`, `read`, `write`, `metadata`; another name is an
 *   illegal_argument_exception "No block found with name x"); `read_only_allow_delete` fails validation
 *   ("read_only_allow_delete block is for internal use only");
 * - while action.destructive_requires_name is true, `_all` and patterns are refused (failDestructive);
 * - the expression resolves with the request's expand_wildcards / ignore_unavailable / allow_no_indices over
 *   strictExpandOpen (a missing index: index_not_found_exception);
 * - checkBlock: a block with the METADATA_WRITE level (`read_only`, `metadata`) may be added while no global block
 *   holds that level; any other request is refused when the indices' metadata writes are blocked (`read_only`,
 *   `metadata`, or a global `cluster.blocks.*` block joined to each index's): the cluster_block_exception;
 * - the indices that do not have the block yet get it, their `index.blocks.<block>` setting set to true; the answer
 *   {"acknowledged":true,"shards_acknowledged":true,"indices":[{"name":<index>,"blocked":true},...]}, or, when no
 *   index was left to block, AddIndexBlockResponse.EMPTY: {"acknowledged":true,"shards_acknowledged":false,"indices":[]}.
 * ES adds a temporary block, has every shard copy verify it (TransportVerifyShardIndexBlockAction), then makes it
 * final; here the master sets the setting at once. The indices are listed in resolution order, where ES's come from
 * an unordered map.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { failDestructive } from '../../action/destructive-operations.ts'
import { apiBlock, blockHasLevel, blockSetting, hasIndexBlock } from '../../cluster/block/index-blocks.ts'
import { globalBlockedException, indicesBlockedException } from '../../cluster/block/cluster-blocks.ts'
import { indicesOptionsFromRequest, STRICT_EXPAND_OPEN } from '../../cluster/metadata/indices-options.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'

export function registerIndexBlockAction(controller: RestController, context: RestContext): void {
  controller.register(
    'PUT',
    '/{index}/_block/{block}',
    (req) => guarded(() => addIndexBlock(context, req)),
    'indices.add_block',
  )
}

async function addIndexBlock(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const name = req.path.block ?? ''
  const block = apiBlock(name)
  if (block === null) throw illegalArgumentException(`No block found with name ${name}`)
  const expression = req.path.index ?? ''
  const errors: string[] = []
  if (expression.split(',').every((part) => part === '')) errors.push('index is missing')
  if (block === 'read_only_allow_delete') errors.push('read_only_allow_delete block is for internal use only')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const state = context.client.cluster.state()
  failDestructive(state, expression)
  const indices = context.indices
    .resolve(expression, indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN))
    .map((index) => index.metadata)
  const unblocked = globalBlockedException(state, 'METADATA_WRITE') === null
  if (!(blockHasLevel(block, 'METADATA_WRITE') && unblocked)) {
    const names = indices.map(({ name }) => name)
    const blocked = indicesBlockedException(state, 'METADATA_WRITE', names)
    if (blocked !== null) throw blocked
  }
  const toBlock = indices.filter((metadata) => !hasIndexBlock(metadata, block)).map(({ name }) => name)
  if (toBlock.length === 0) return json(200, { acknowledged: true, shards_acknowledged: false, indices: [] })
  await context.client.cluster.execute({
    type: 'update_settings',
    names: toBlock,
    update: { otherSettings: { [blockSetting(block)]: 'true' } },
  })
  return json(200, {
    acknowledged: true,
    shards_acknowledged: true,
    indices: toBlock.map((index) => ({ name: index, blocked: true })),
  })
}

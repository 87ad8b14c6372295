/**
 * `GET /_resolve/index/{name}` (ResolveIndexAction, ES 8.17): the indices, aliases and data streams an expression
 * names (index-abstraction-resolver.ts), each list sorted by name:
 *   {"indices": [{name[, aliases (sorted; left out when none)], attributes (sorted: open or closed, hidden,
 *    frozen)[, data_stream]}], "aliases": [{name[, indices (sorted)]}],
 *   "data_streams": [{name, backing_indices, timestamp_field}]}
 * Options: IndicesOptions.strictExpandOpen under the request's expand_wildcards, ignore_unavailable and
 * allow_no_indices. A name that names nothing adds nothing.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { isClosed } from '../../index/index-metadata.ts'
import { esIndexMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { dataStreamsOf, TIMESTAMP_FIELD } from '../../cluster/metadata/data-stream.ts'
import { aliasesOf } from '../../cluster/metadata/alias-metadata.ts'
import { indicesLookup, resolveIndexAbstractions } from '../../cluster/metadata/index-abstraction-resolver.ts'
import { indicesOptionsFromRequest, STRICT_EXPAND_OPEN } from '../../cluster/metadata/indices-options.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'

export function registerResolveIndexAction(controller: RestController, context: RestContext): void {
  controller.register(
    'GET',
    '/_resolve/index/{name}',
    (req) => guarded(() => resolveIndex(context, req)),
    'indices.resolve_index',
  )
}

function sorted(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** One list of the response: each abstraction's JSON, by name. */
class ResolvedList {
  private readonly entries = new Map<string, JsonOut>()

  add(name: string, json: Record<string, JsonOut>): void {
    this.entries.set(name, { name, ...json })
  }

  toJson(): JsonOut[] {
    return sorted(this.entries.keys()).map((name) => this.entries.get(name)!)
  }
}

function resolveIndex(context: RestContext, req: RestHandlerRequest): RestResponse {
  const state = context.client.cluster.state()
  const indices = Object.values(state.metadata.indices).map(esIndexMetadata)
  const lookup = indicesLookup(indices, dataStreamsOf(state))
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN)
  const resolved = resolveIndexAbstractions(req.path.name!, options, lookup, context.clock.now())
  const [concrete, aliases, dataStreams] = [new ResolvedList(), new ResolvedList(), new ResolvedList()]
  for (const name of resolved) {
    const abstraction = lookup.get(name)
    if (abstraction?.type === 'index') {
      const { metadata } = abstraction
      const attributes = [isClosed(metadata) ? 'closed' : 'open']
      if (metadata.hidden === true) attributes.push('hidden')
      const aliasNames = sorted(Object.keys(aliasesOf(metadata)))
      concrete.add(name, {
        ...(aliasNames.length > 0 ? { aliases: aliasNames } : {}),
        attributes: sorted(attributes),
        ...(metadata.dataStream !== undefined ? { data_stream: metadata.dataStream } : {}),
      })
    } else if (abstraction?.type === 'alias') {
      const members = sorted(abstraction.alias.members.map((member) => member.index))
      aliases.add(name, members.length > 0 ? { indices: members } : {})
    } else if (abstraction?.type === 'data_stream') {
      const backing = abstraction.dataStream.indices.map((index) => index.name)
      dataStreams.add(name, { backing_indices: backing, timestamp_field: TIMESTAMP_FIELD })
    }
  }
  return json(200, {
    indices: concrete.toJson(),
    aliases: aliases.toJson(),
    data_streams: dataStreams.toJson(),
  })
}

/**
 * GET / (RestMainAction): the node's name, the cluster and the version, as Elasticsearch 8.17.0 answers.
 * The build fields are those of the official 8.17.0 Docker image.
 */
import type { RestController } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { json } from '../responses.ts'

export const ES_VERSION = {
  number: '8.17.0',
  build_flavor: 'default',
  build_type: 'docker',
  build_hash: '2b6a7fed44faa321997703718f07ee0420804b41',
  build_date: '2024-12-11T12:08:05.663969764Z',
  build_snapshot: false,
  lucene_version: '9.12.0',
  minimum_wire_compatibility_version: '7.17.0',
  minimum_index_compatibility_version: '7.0.0',
}

export function registerRootAction(controller: RestController, context: RestContext): void {
  controller.register(
    'GET',
    '/',
    () =>
      json(200, {
        name: context.identity.nodeName,
        cluster_name: context.identity.clusterName,
        cluster_uuid: context.client.cluster.state().clusterUuid,
        version: ES_VERSION,
        tagline: 'You Know, for Search',
      }),
    'info',
  )
}

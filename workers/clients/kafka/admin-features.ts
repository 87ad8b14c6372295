/**
 * The Admin's feature calls (KafkaAdminClient.describeFeatures, updateFeatures) and the broker-api-versions
 * tool's ApiVersions round (its LegacyAdminClient.listAllBrokerVersionInfo): describeFeatures reads the feature
 * fields of one broker's ApiVersions answer (an epoch below 0 is unknown); updateFeatures sends one
 * UpdateFeatures request, which the broker forwards to the controller, and fails each feature's outcome with
 * the exception of its error; listAllBrokerVersionInfo asks every broker of the metadata itself, a broker
 * that cannot be reached giving its error.
 */
import type { ApiVersion, FeatureUpdate } from '../../protocol/kafka-features.ts'
import type { AdminFeatureUpdate, BrokerApiVersions, FeatureMetadata } from './api.ts'
import { KafkaError } from './api.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError, timeoutError } from './errors.ts'

export async function describeFeatures(connection: ClusterConnection): Promise<FeatureMetadata> {
  const response = await connection.any((broker) => broker.apiVersions(), { callName: 'describeFeatures' })
  return {
    finalizedFeatures: Object.fromEntries(
      Object.entries(response.finalizedFeatures).map(([name, level]) => [
        name,
        { minVersionLevel: level, maxVersionLevel: level },
      ]),
    ),
    finalizedFeaturesEpoch: response.finalizedFeaturesEpoch < 0 ? null : response.finalizedFeaturesEpoch,
    supportedFeatures: Object.fromEntries(
      response.supportedFeatures.map((f) => [f.name, { minVersion: f.minVersion, maxVersion: f.maxVersion }]),
    ),
  }
}

function illegalArgument(message: string): KafkaError {
  return new KafkaError('java.lang.IllegalArgumentException', message)
}

export async function updateFeatures(
  connection: ClusterConnection,
  updates: ReadonlyMap<string, AdminFeatureUpdate>,
  validateOnly: boolean,
): Promise<Map<string, KafkaError | null>> {
  if (updates.size === 0) throw illegalArgument('Feature updates can not be null or empty.')
  const request: FeatureUpdate[] = []
  for (const [feature, update] of updates) {
    if (feature.trim() === '') throw illegalArgument('Provided feature can not be empty.')
    request.push({ feature, ...update })
  }
  const results = await connection.any((broker) => broker.updateFeatures(request, validateOnly), {
    callName: 'updateFeatures',
  })
  return new Map(
    results.map((r) => [r.feature, r.error === null ? null : kafkaError(r.error, r.message)] as const),
  )
}

export async function listAllBrokerVersionInfo(connection: ClusterConnection): Promise<BrokerApiVersions[]> {
  const { brokers } = await connection.refreshMetadata([])
  return Promise.all(
    brokers.map(async (node): Promise<BrokerApiVersions> => {
      const broker = connection.node(node.id)
      if (broker === null) return { node, versions: timeoutError('Timed out waiting for a node assignment.') }
      try {
        const versions: ApiVersion[] = (await broker.apiVersions()).apiKeys
        return { node, versions }
      } catch (error) {
        return { node, versions: error instanceof KafkaError ? error : timeoutError(String(error)) }
      }
    }),
  )
}

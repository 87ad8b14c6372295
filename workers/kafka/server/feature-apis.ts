/**
 * A broker's ApiVersions and UpdateFeatures answers (KafkaApis.handleApiVersionsRequest and
 * handleUpdateFeatures of Kafka 4.1). ApiVersions: the APIs of the broker listener that 4.1 advertises
 * (protocol/api-keys.ts), the features this node's software supports (BrokerFeatures.defaultSupportedFeatures:
 * metadata.version 3.3-IV3 to 4.1-IV1 and each production feature above 0), and the finalized levels of its
 * metadata image with its offset as their epoch (KRaftMetadataCache.features). Admin.describeFeatures is
 * answered by the same call. UpdateFeatures is forwarded to the active controller and answered once this
 * broker has replayed the records it wrote, so the next describe on it sees them.
 */
import { CLIENT_APIS } from '../../protocol/api-keys.ts'
import type {
  ApiVersion,
  ApiVersionsResponse,
  FeatureApi,
  FeatureUpdate,
  SupportedFeature,
  UpdateFeaturesResult,
} from '../../protocol/kafka-features.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import { PRODUCTION_FEATURES } from '../metadata/features.ts'
import { METADATA_VERSION_FEATURE } from '../metadata/metadata-version.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import { supportedRange } from '../controller/feature-control.ts'

export interface FeatureApisDeps {
  metadata: ClusterMetadata
  /** Sends to the active controller; null when it cannot be reached. */
  forward: (request: ControllerRequest) => Promise<ControllerResponse | null>
  waitFor: (condition: () => boolean) => Promise<void>
}

const ADVERTISED: readonly ApiVersion[] = CLIENT_APIS.flatMap((key) =>
  key.advertised === null
    ? []
    : [{ apiKey: key.id, minVersion: key.advertised.min, maxVersion: key.advertised.max }],
)

const SUPPORTED_FEATURES: readonly SupportedFeature[] = [
  METADATA_VERSION_FEATURE,
  ...PRODUCTION_FEATURES.map((f) => f.name),
]
  .map((name) => ({ name, ...supportedRange(name) }))
  .filter((range) => range.max > 0)
  .map(({ name, min, max }) => ({ name, minVersion: min, maxVersion: max }))

export class FeatureApis implements FeatureApi {
  constructor(private readonly deps: FeatureApisDeps) {}

  apiVersions(): Promise<ApiVersionsResponse> {
    const { metadata } = this.deps
    return Promise.resolve({
      apiKeys: [...ADVERTISED],
      supportedFeatures: [...SUPPORTED_FEATURES],
      finalizedFeatures: Object.fromEntries(metadata.finalizedFeatures),
      finalizedFeaturesEpoch: metadata.lastOffset,
    })
  }

  async updateFeatures(updates: FeatureUpdate[], validateOnly: boolean): Promise<UpdateFeaturesResult[]> {
    const response = await this.deps.forward({ api: 'UpdateFeatures', updates, validateOnly })
    if (response?.api !== 'UpdateFeatures') {
      return updates.map((u) => ({
        feature: u.feature,
        error: 'REQUEST_TIMED_OUT',
        message: 'Timed out waiting for a node assignment.',
      }))
    }
    const { metadata } = this.deps
    const applied = validateOnly
      ? []
      : updates.filter((u) => response.results.some((r) => r.feature === u.feature && r.error === null))
    await this.deps.waitFor(() =>
      applied.every((u) => (metadata.finalizedFeatures.get(u.feature) ?? 0) === u.maxVersionLevel),
    )
    return response.results
  }
}

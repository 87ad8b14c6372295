/**
 * The broker's ApiVersions and UpdateFeatures answers (ApiVersionsResponse v4 and UpdateFeatures v2, reduced
 * to the fields the clients read): the APIs a broker advertises with their version ranges, the features its
 * software supports, the cluster's finalized feature levels and their epoch (the offset of the metadata image
 * they come from), and UpdateFeatures' per-feature errors. Admin.describeFeatures reads the feature fields of an
 * ApiVersions answer, as KafkaAdminClient does. Error names are Kafka's (kafka-errors.ts).
 */
import type { KafkaErrorName } from './kafka-errors.ts'

export interface ApiVersion {
  apiKey: number
  minVersion: number
  maxVersion: number
}

export interface SupportedFeature {
  name: string
  minVersion: number
  maxVersion: number
}

export interface ApiVersionsResponse {
  /** Ascending by apiKey. */
  apiKeys: ApiVersion[]
  supportedFeatures: SupportedFeature[]
  /** Finalized levels by feature name (metadata.version always; a feature at 0 is absent). */
  finalizedFeatures: Record<string, number>
  finalizedFeaturesEpoch: number
}

/** FeatureUpdate.UpgradeType. */
export type FeatureUpgradeType = 'UPGRADE' | 'SAFE_DOWNGRADE' | 'UNSAFE_DOWNGRADE'

export interface FeatureUpdate {
  feature: string
  maxVersionLevel: number
  upgradeType: FeatureUpgradeType
}

export interface UpdateFeaturesResult {
  feature: string
  error: KafkaErrorName | null
  message: string | null
}

export interface FeatureApi {
  apiVersions(): Promise<ApiVersionsResponse>
  /** Forwarded to the active controller; answers once this broker has replayed the change. */
  updateFeatures(updates: FeatureUpdate[], validateOnly: boolean): Promise<UpdateFeaturesResult[]>
}

/**
 * The cluster metadata as the controller owns it (KRaft's MetadataImage, reduced to what the brokers
 * serve): the cluster id, registered brokers, and every topic with its id, configs and partition
 * assignment. Persisted whole as one enveloped JSON record (format version 1) under `metadata/image`.
 *
 * Invariants: topic names and ids are unique; every partition's leader is -1 or one of its ISR, and the
 * ISR is a subset of its replicas.
 */
import type { PartitionMetadata } from '../../protocol/kafka.ts'

export interface TopicImage {
  name: string
  topicId: string
  configs: Record<string, string>
  partitions: PartitionMetadata[]
}

export interface MetadataImage {
  clusterId: string
  controllerId: number
  brokers: number[]
  topics: TopicImage[]
}

export const METADATA_IMAGE_VERSION = 1
export const METADATA_IMAGE_KEY = 'metadata/image'

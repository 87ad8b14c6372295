/**
 * ApiKeys of Kafka 4.1.0 that a broker listener serves (the message specs whose `listeners` hold "broker":
 * ApiKeys.clientApis()), by id, with the version range a 4.1 broker advertises in ApiVersions (its stable
 * versions; the controller's range for the requests a broker forwards is the same software's), or null for
 * one it does not advertise: an API whose latest version is unstable (`latestVersionUnstable`, shown only
 * with unstable.api.versions.enable) and the telemetry APIs, advertised only with a client telemetry plugin.
 * Both sides of the playground are 4.1, so a range's top is also the 4.1 client's latest version.
 *
 * Source: the corpus holds no pinned 4.1.0 copy of every `*Request.json`; the table is a 4.0.0 broker's
 * `kafka-broker-api-versions.sh` output (three nodes, a public transcript) with the 4.1.0 changes the corpus
 * shows: Produce v13 (KIP-516; versions 0-2 still advertised, KAFKA-18659), ShareGroupHeartbeat,
 * ShareGroupDescribe, ShareFetch and ShareAcknowledge at their first stable version 1 (v0 was 4.0's early
 * access, removed in 4.1), the share-group state and offsets APIs at 0, and StreamsGroupHeartbeat /
 * StreamsGroupDescribe (KIP-1071) unstable in 4.1.
 *
 * Invariants: ids ascend and are unique; a range has min <= max.
 */
export interface ApiKey {
  id: number
  /** ApiKeys.name: the message name without `Request`. */
  name: string
  advertised: { min: number; max: number } | null
}

const api = (id: number, name: string, min: number, max: number): ApiKey => ({
  id,
  name,
  advertised: { min, max },
})
const unadvertised = (id: number, name: string): ApiKey => ({ id, name, advertised: null })

export const CLIENT_APIS: readonly ApiKey[] = [
  api(0, 'Produce', 0, 13),
  api(1, 'Fetch', 4, 17),
  api(2, 'ListOffsets', 1, 10),
  api(3, 'Metadata', 0, 13),
  api(8, 'OffsetCommit', 2, 9),
  api(9, 'OffsetFetch', 1, 9),
  api(10, 'FindCoordinator', 0, 6),
  api(11, 'JoinGroup', 2, 9),
  api(12, 'Heartbeat', 0, 4),
  api(13, 'LeaveGroup', 0, 5),
  api(14, 'SyncGroup', 0, 5),
  api(15, 'DescribeGroups', 0, 6),
  api(16, 'ListGroups', 0, 5),
  api(17, 'SaslHandshake', 0, 1),
  api(18, 'ApiVersions', 0, 4),
  api(19, 'CreateTopics', 2, 7),
  api(20, 'DeleteTopics', 1, 6),
  api(21, 'DeleteRecords', 0, 2),
  api(22, 'InitProducerId', 0, 5),
  api(23, 'OffsetForLeaderEpoch', 2, 4),
  api(24, 'AddPartitionsToTxn', 0, 5),
  api(25, 'AddOffsetsToTxn', 0, 4),
  api(26, 'EndTxn', 0, 5),
  api(27, 'WriteTxnMarkers', 1, 1),
  api(28, 'TxnOffsetCommit', 0, 5),
  api(29, 'DescribeAcls', 1, 3),
  api(30, 'CreateAcls', 1, 3),
  api(31, 'DeleteAcls', 1, 3),
  api(32, 'DescribeConfigs', 1, 4),
  api(33, 'AlterConfigs', 0, 2),
  api(34, 'AlterReplicaLogDirs', 1, 2),
  api(35, 'DescribeLogDirs', 1, 4),
  api(36, 'SaslAuthenticate', 0, 2),
  api(37, 'CreatePartitions', 0, 3),
  api(38, 'CreateDelegationToken', 1, 3),
  api(39, 'RenewDelegationToken', 1, 2),
  api(40, 'ExpireDelegationToken', 1, 2),
  api(41, 'DescribeDelegationToken', 1, 3),
  api(42, 'DeleteGroups', 0, 2),
  api(43, 'ElectLeaders', 0, 2),
  api(44, 'IncrementalAlterConfigs', 0, 1),
  api(45, 'AlterPartitionReassignments', 0, 0),
  api(46, 'ListPartitionReassignments', 0, 0),
  api(47, 'OffsetDelete', 0, 0),
  api(48, 'DescribeClientQuotas', 0, 1),
  api(49, 'AlterClientQuotas', 0, 1),
  api(50, 'DescribeUserScramCredentials', 0, 0),
  api(51, 'AlterUserScramCredentials', 0, 0),
  api(55, 'DescribeQuorum', 0, 2),
  api(57, 'UpdateFeatures', 0, 2),
  api(60, 'DescribeCluster', 0, 2),
  api(61, 'DescribeProducers', 0, 0),
  api(64, 'UnregisterBroker', 0, 0),
  api(65, 'DescribeTransactions', 0, 0),
  api(66, 'ListTransactions', 0, 1),
  api(68, 'ConsumerGroupHeartbeat', 0, 1),
  api(69, 'ConsumerGroupDescribe', 0, 1),
  unadvertised(71, 'GetTelemetrySubscriptions'),
  unadvertised(72, 'PushTelemetry'),
  api(74, 'ListClientMetricsResources', 0, 0),
  api(75, 'DescribeTopicPartitions', 0, 0),
  api(76, 'ShareGroupHeartbeat', 1, 1),
  api(77, 'ShareGroupDescribe', 1, 1),
  api(78, 'ShareFetch', 1, 1),
  api(79, 'ShareAcknowledge', 1, 1),
  api(80, 'AddRaftVoter', 0, 0),
  api(81, 'RemoveRaftVoter', 0, 0),
  api(83, 'InitializeShareGroupState', 0, 0),
  api(84, 'ReadShareGroupState', 0, 0),
  api(85, 'WriteShareGroupState', 0, 0),
  api(86, 'DeleteShareGroupState', 0, 0),
  api(87, 'ReadShareGroupStateSummary', 0, 0),
  unadvertised(88, 'StreamsGroupHeartbeat'),
  unadvertised(89, 'StreamsGroupDescribe'),
  api(90, 'DescribeShareGroupOffsets', 0, 0),
  api(91, 'AlterShareGroupOffsets', 0, 0),
  api(92, 'DeleteShareGroupOffsets', 0, 0),
]

export function apiKeyById(id: number): ApiKey | undefined {
  return CLIENT_APIS.find((key) => key.id === id)
}

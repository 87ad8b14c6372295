/**
 * Kafka's error codes as the wire protocol numbers them (org.apache.kafka.common.protocol.Errors), with
 * the exception class a Java client raises for each and the default message. Only the errors the
 * playground can produce are listed; add rows as features arrive, keeping Kafka's codes and texts.
 */
export const KAFKA_ERRORS = {
  UNKNOWN_SERVER_ERROR: {
    code: -1,
    exception: 'org.apache.kafka.common.errors.UnknownServerException',
    message: 'The server experienced an unexpected error when processing the request.',
  },
  OFFSET_OUT_OF_RANGE: {
    code: 1,
    exception: 'org.apache.kafka.common.errors.OffsetOutOfRangeException',
    message: 'The requested offset is not within the range of offsets maintained by the server.',
  },
  CORRUPT_MESSAGE: {
    code: 2,
    exception: 'org.apache.kafka.common.errors.CorruptRecordException',
    message:
      'This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.',
  },
  UNKNOWN_TOPIC_OR_PARTITION: {
    code: 3,
    exception: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
    message: 'This server does not host this topic-partition.',
  },
  LEADER_NOT_AVAILABLE: {
    code: 5,
    exception: 'org.apache.kafka.common.errors.LeaderNotAvailableException',
    message: 'There is no leader for this topic-partition as we are in the middle of a leadership election.',
  },
  NOT_LEADER_OR_FOLLOWER: {
    code: 6,
    exception: 'org.apache.kafka.common.errors.NotLeaderOrFollowerException',
    message:
      'For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.',
  },
  REQUEST_TIMED_OUT: {
    code: 7,
    exception: 'org.apache.kafka.common.errors.TimeoutException',
    message: 'The request timed out.',
  },
  MESSAGE_TOO_LARGE: {
    code: 10,
    exception: 'org.apache.kafka.common.errors.RecordTooLargeException',
    message: 'The request included a message larger than the max message size the server will accept.',
  },
  INVALID_TOPIC_EXCEPTION: {
    code: 17,
    exception: 'org.apache.kafka.common.errors.InvalidTopicException',
    message: 'The request attempted to perform an operation on an invalid topic.',
  },
  NOT_ENOUGH_REPLICAS: {
    code: 19,
    exception: 'org.apache.kafka.common.errors.NotEnoughReplicasException',
    message: 'Messages are rejected since there are fewer in-sync replicas than required.',
  },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: {
    code: 20,
    exception: 'org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException',
    message: 'Messages are written to the log, but to fewer in-sync replicas than required.',
  },
  UNKNOWN_LEADER_EPOCH: {
    code: 75,
    exception: 'org.apache.kafka.common.errors.UnknownLeaderEpochException',
    message: 'The leader epoch in the request is newer than the epoch on the broker.',
  },
  UNSUPPORTED_VERSION: {
    code: 35,
    exception: 'org.apache.kafka.common.errors.UnsupportedVersionException',
    message: 'The version of API is not supported.',
  },
  TOPIC_ALREADY_EXISTS: {
    code: 36,
    exception: 'org.apache.kafka.common.errors.TopicExistsException',
    message: 'Topic with this name already exists.',
  },
  INVALID_PARTITIONS: {
    code: 37,
    exception: 'org.apache.kafka.common.errors.InvalidPartitionsException',
    message: 'Number of partitions is below 1.',
  },
  INVALID_REPLICA_ASSIGNMENT: {
    code: 39,
    exception: 'org.apache.kafka.common.errors.InvalidReplicaAssignmentException',
    message: 'Replica assignment is invalid.',
  },
  NO_REASSIGNMENT_IN_PROGRESS: {
    code: 85,
    exception: 'org.apache.kafka.common.errors.NoReassignmentInProgressException',
    message: 'No partition reassignment is in progress.',
  },
  INVALID_REPLICATION_FACTOR: {
    code: 38,
    exception: 'org.apache.kafka.common.errors.InvalidReplicationFactorException',
    message: 'Replication factor is below 1 or larger than the number of available brokers.',
  },
  INVALID_REQUEST: {
    code: 42,
    exception: 'org.apache.kafka.common.errors.InvalidRequestException',
    message:
      'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.',
  },
  INVALID_CONFIG: {
    code: 40,
    exception: 'org.apache.kafka.common.errors.InvalidConfigurationException',
    message: 'Configuration is invalid.',
  },
  POLICY_VIOLATION: {
    code: 44,
    exception: 'org.apache.kafka.common.errors.PolicyViolationException',
    message: 'Request parameters do not satisfy the configured policy.',
  },
  NOT_CONTROLLER: {
    code: 41,
    exception: 'org.apache.kafka.common.errors.NotControllerException',
    message: 'This is not the correct controller for this cluster.',
  },
  OUT_OF_ORDER_SEQUENCE_NUMBER: {
    code: 45,
    exception: 'org.apache.kafka.common.errors.OutOfOrderSequenceException',
    message: 'The broker received an out of order sequence number.',
  },
  DUPLICATE_SEQUENCE_NUMBER: {
    code: 46,
    exception: 'org.apache.kafka.common.errors.DuplicateSequenceException',
    message: 'The broker received a duplicate sequence number.',
  },
  INVALID_PRODUCER_EPOCH: {
    code: 47,
    exception: 'org.apache.kafka.common.errors.InvalidProducerEpochException',
    message: 'Producer attempted to produce with an old epoch.',
  },
  INVALID_TXN_STATE: {
    code: 48,
    exception: 'org.apache.kafka.common.errors.InvalidTxnStateException',
    message: 'The producer attempted a transactional operation in an invalid state.',
  },
  INVALID_PRODUCER_ID_MAPPING: {
    code: 49,
    exception: 'org.apache.kafka.common.errors.InvalidPidMappingException',
    message:
      'The producer attempted to use a producer id which is not currently assigned to its transactional id.',
  },
  INVALID_TRANSACTION_TIMEOUT: {
    code: 50,
    exception: 'org.apache.kafka.common.errors.InvalidTxnTimeoutException',
    message:
      'The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).',
  },
  CONCURRENT_TRANSACTIONS: {
    code: 51,
    exception: 'org.apache.kafka.common.errors.ConcurrentTransactionsException',
    message:
      'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.',
  },
  TRANSACTION_COORDINATOR_FENCED: {
    code: 52,
    exception: 'org.apache.kafka.common.errors.TransactionCoordinatorFencedException',
    message:
      'Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer.',
  },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: {
    code: 53,
    exception: 'org.apache.kafka.common.errors.TransactionalIdAuthorizationException',
    message: 'Transactional Id authorization failed.',
  },
  SECURITY_DISABLED: {
    code: 54,
    exception: 'org.apache.kafka.common.errors.SecurityDisabledException',
    message: 'Security features are disabled.',
  },
  UNKNOWN_PRODUCER_ID: {
    code: 59,
    exception: 'org.apache.kafka.common.errors.UnknownProducerIdException',
    message:
      "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question. This could happen if, for instance, the producer's records were deleted because their retention time had elapsed. Once the last records of the producerId are removed, the producer's metadata is removed from the broker, and future appends by the producer will return this exception.",
  },
  FENCED_LEADER_EPOCH: {
    code: 74,
    exception: 'org.apache.kafka.common.errors.FencedLeaderEpochException',
    message: 'The leader epoch in the request is older than the epoch on the broker.',
  },
  STALE_BROKER_EPOCH: {
    code: 77,
    exception: 'org.apache.kafka.common.errors.StaleBrokerEpochException',
    message: 'Broker epoch has changed.',
  },
  PREFERRED_LEADER_NOT_AVAILABLE: {
    code: 80,
    exception: 'org.apache.kafka.common.errors.PreferredLeaderNotAvailableException',
    message: 'The preferred leader was not available.',
  },
  ELIGIBLE_LEADERS_NOT_AVAILABLE: {
    code: 83,
    exception: 'org.apache.kafka.common.errors.EligibleLeadersNotAvailableException',
    message: 'Eligible topic partition leaders are not available.',
  },
  ELECTION_NOT_NEEDED: {
    code: 84,
    exception: 'org.apache.kafka.common.errors.ElectionNotNeededException',
    message: 'Leader election not needed for topic partition.',
  },
  PRODUCER_FENCED: {
    code: 90,
    exception: 'org.apache.kafka.common.errors.ProducerFencedException',
    message: 'There is a newer producer with the same transactionalId which fences the current one.',
  },
  INVALID_UPDATE_VERSION: {
    code: 95,
    exception: 'org.apache.kafka.common.errors.InvalidUpdateVersionException',
    message: 'The given update version was invalid.',
  },
  BROKER_ID_NOT_REGISTERED: {
    code: 102,
    exception: 'org.apache.kafka.common.errors.BrokerIdNotRegisteredException',
    message: 'The given broker ID was not registered.',
  },
  TRANSACTIONAL_ID_NOT_FOUND: {
    code: 105,
    exception: 'org.apache.kafka.common.errors.TransactionalIdNotFoundException',
    message: 'The transactionalId could not be found.',
  },
  INELIGIBLE_REPLICA: {
    code: 107,
    exception: 'org.apache.kafka.common.errors.IneligibleReplicaException',
    message: 'The new ISR contains at least one ineligible replica.',
  },

  COORDINATOR_LOAD_IN_PROGRESS: {
    code: 14,
    exception: 'org.apache.kafka.common.errors.CoordinatorLoadInProgressException',
    message: "The coordinator is loading and hence can't process requests.",
  },
  COORDINATOR_NOT_AVAILABLE: {
    code: 15,
    exception: 'org.apache.kafka.common.errors.CoordinatorNotAvailableException',
    message: 'The coordinator is not available.',
  },
  NOT_COORDINATOR: {
    code: 16,
    exception: 'org.apache.kafka.common.errors.NotCoordinatorException',
    message: 'This is not the correct coordinator.',
  },
  ILLEGAL_GENERATION: {
    code: 22,
    exception: 'org.apache.kafka.common.errors.IllegalGenerationException',
    message: 'Specified group generation id is not valid.',
  },
  INCONSISTENT_GROUP_PROTOCOL: {
    code: 23,
    exception: 'org.apache.kafka.common.errors.InconsistentGroupProtocolException',
    message:
      "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.",
  },
  INVALID_GROUP_ID: {
    code: 24,
    exception: 'org.apache.kafka.common.errors.InvalidGroupIdException',
    message: 'The configured groupId is invalid.',
  },
  UNKNOWN_MEMBER_ID: {
    code: 25,
    exception: 'org.apache.kafka.common.errors.UnknownMemberIdException',
    message: 'The coordinator is not aware of this member.',
  },
  INVALID_SESSION_TIMEOUT: {
    code: 26,
    exception: 'org.apache.kafka.common.errors.InvalidSessionTimeoutException',
    message:
      'The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).',
  },
  REBALANCE_IN_PROGRESS: {
    code: 27,
    exception: 'org.apache.kafka.common.errors.RebalanceInProgressException',
    message: 'The group is rebalancing, so a rejoin is needed.',
  },
  NON_EMPTY_GROUP: {
    code: 68,
    exception: 'org.apache.kafka.common.errors.GroupNotEmptyException',
    message: 'The group is not empty.',
  },
  GROUP_ID_NOT_FOUND: {
    code: 69,
    exception: 'org.apache.kafka.common.errors.GroupIdNotFoundException',
    message: 'The group id does not exist.',
  },
  MEMBER_ID_REQUIRED: {
    code: 79,
    exception: 'org.apache.kafka.common.errors.MemberIdRequiredException',
    message: 'The group member needs to have a valid member id before actually entering a consumer group.',
  },
  FENCED_INSTANCE_ID: {
    code: 82,
    exception: 'org.apache.kafka.common.errors.FencedInstanceIdException',
    message:
      'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.',
  },
  GROUP_SUBSCRIBED_TO_TOPIC: {
    code: 86,
    exception: 'org.apache.kafka.common.errors.GroupSubscribedToTopicException',
    message:
      'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.',
  },
  INVALID_RECORD: {
    code: 87,
    exception: 'org.apache.kafka.common.InvalidRecordException',
    message: 'This record has failed the validation on broker and hence will be rejected.',
  },
  UNSTABLE_OFFSET_COMMIT: {
    code: 88,
    exception: 'org.apache.kafka.common.errors.UnstableOffsetCommitException',
    message: 'There are unstable offsets that need to be cleared.',
  },
  FENCED_MEMBER_EPOCH: {
    code: 110,
    exception: 'org.apache.kafka.common.errors.FencedMemberEpochException',
    message:
      'The member epoch is fenced by the group coordinator. The member must abandon all its partitions and rejoin.',
  },
  UNSUPPORTED_ASSIGNOR: {
    code: 112,
    exception: 'org.apache.kafka.common.errors.UnsupportedAssignorException',
    message: 'The assignor or its version range is not supported by the consumer group.',
  },
  STALE_MEMBER_EPOCH: {
    code: 113,
    exception: 'org.apache.kafka.common.errors.StaleMemberEpochException',
    message:
      'The member epoch is stale. The member must retry after receiving its updated member epoch via the ConsumerGroupHeartbeat API.',
  },
} as const

export type KafkaErrorName = keyof typeof KAFKA_ERRORS

/**
 * The errors whose Java exception is an InvalidMetadataException (NotLeaderOrFollower, LeaderNotAvailable,
 * UnknownTopicOrPartition, FencedLeaderEpoch, UnknownLeaderEpoch): a client looks the partition's leader up again
 * and retries.
 */
export const INVALID_METADATA_ERRORS: ReadonlySet<string> = new Set<KafkaErrorName>([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
])

/** An error field of a group coordinator response: NONE or an error name. */
export type GroupErrorCode = 'NONE' | KafkaErrorName

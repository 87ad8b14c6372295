/**
 * The group coordinator's rows of the error table against Kafka 4.x's Errors enum
 * (clients/src/main/java/org/apache/kafka/common/protocol/Errors.java): code, exception class and default
 * message, which the clients print when a group call fails.
 */
import { describe, expect, it } from 'vitest'
import { KAFKA_ERRORS } from '../../../../workers/protocol/kafka-errors.ts'

const E = 'org.apache.kafka.common.errors.'

const GROUP_ERRORS = {
  COORDINATOR_LOAD_IN_PROGRESS: [
    14,
    'CoordinatorLoadInProgressException',
    "The coordinator is loading and hence can't process requests.",
  ],
  COORDINATOR_NOT_AVAILABLE: [15, 'CoordinatorNotAvailableException', 'The coordinator is not available.'],
  NOT_COORDINATOR: [16, 'NotCoordinatorException', 'This is not the correct coordinator.'],
  ILLEGAL_GENERATION: [22, 'IllegalGenerationException', 'Specified group generation id is not valid.'],
  INCONSISTENT_GROUP_PROTOCOL: [
    23,
    'InconsistentGroupProtocolException',
    "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.",
  ],
  INVALID_GROUP_ID: [24, 'InvalidGroupIdException', 'The configured groupId is invalid.'],
  UNKNOWN_MEMBER_ID: [25, 'UnknownMemberIdException', 'The coordinator is not aware of this member.'],
  INVALID_SESSION_TIMEOUT: [
    26,
    'InvalidSessionTimeoutException',
    'The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).',
  ],
  REBALANCE_IN_PROGRESS: [
    27,
    'RebalanceInProgressException',
    'The group is rebalancing, so a rejoin is needed.',
  ],
  NON_EMPTY_GROUP: [68, 'GroupNotEmptyException', 'The group is not empty.'],
  GROUP_ID_NOT_FOUND: [69, 'GroupIdNotFoundException', 'The group id does not exist.'],
  MEMBER_ID_REQUIRED: [
    79,
    'MemberIdRequiredException',
    'The group member needs to have a valid member id before actually entering a consumer group.',
  ],
  FENCED_INSTANCE_ID: [
    82,
    'FencedInstanceIdException',
    'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.',
  ],
  GROUP_SUBSCRIBED_TO_TOPIC: [
    86,
    'GroupSubscribedToTopicException',
    'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.',
  ],
} as const

describe('group error rows', () => {
  it.each(Object.entries(GROUP_ERRORS))(
    '%s has Kafka code, exception and message',
    (name, [code, exception, message]) => {
      expect(KAFKA_ERRORS[name as keyof typeof GROUP_ERRORS]).toEqual({
        code,
        exception: E + exception,
        message,
      })
    },
  )
})

/**
 * kafka-leader-election's options (LeaderElectionCommand.LeaderElectionCommandOptions of Kafka 4.1) and
 * validate(): AdminCommandFailedExceptions for the missing required options, for not exactly one of
 * --topic / --all-topic-partitions / --path-to-json-file, and for --partition without --topic (or the
 * reverse). --election-type goes through joptsimple's EnumConverter (case-insensitive names of
 * ElectionType; anything else fails when the tool reads it).
 */
import type { ElectionType } from '../../protocol/kafka.ts'
import { JavaException, OptionException } from './java-exception.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'

export const LEADER_ELECTION_USAGE =
  'This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.'

const ELECTION_TYPES: readonly ElectionType[] = ['PREFERRED', 'UNCLEAN']

export const LEADER_ELECTION_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument(
    'bootstrap-server',
    'A hostname and port for the broker to connect to, in the form host:port. Multiple comma separated URLs can be given. REQUIRED.',
    { argumentDescription: 'host:port' },
  ),
  withArgument('admin.config', 'Configuration properties files to pass to the admin client', {
    argumentDescription: 'config file',
  }),
  withArgument(
    'path-to-json-file',
    'The JSON file with the list  of partition for which leader elections should be performed. This is an example format. \n{"partitions":\n\t[{"topic": "foo", "partition": 1},\n\t {"topic": "foobar", "partition": 2}]\n}\nNot allowed if --all-topic-partitions or --topic flags are specified.',
    { argumentDescription: 'Path to JSON file' },
  ),
  withArgument(
    'topic',
    'Name of topic for which to perform an election. Not allowed if --path-to-json-file or --all-topic-partitions is specified.',
    { argumentDescription: 'topic name' },
  ),
  withArgument(
    'partition',
    'Partition id for which to perform an election. REQUIRED if --topic is specified.',
    { argumentDescription: 'partition id', type: 'Integer' },
  ),
  flag(
    'all-topic-partitions',
    'Perform election on all of the eligible topic partitions based on the type of election (see the --election-type flag). Not allowed if --topic or --path-to-json-file is specified.',
  ),
  withArgument(
    'election-type',
    'Type of election to attempt. Possible values are "preferred" for preferred leader election or "unclean" for unclean leader election. If preferred election is selection, the election is only performed if the current leader is not the preferred leader for the topic partition. If unclean election is selected, the election is only performed if there are no leader for the topic partition. REQUIRED.',
    { argumentDescription: 'election type', type: `[${ELECTION_TYPES.join(',')}]` },
  ),
]

export function adminCommandFailed(message: string, cause: JavaException | null = null): JavaException {
  return new JavaException('org.apache.kafka.server.common.AdminCommandFailedException', message, [], cause)
}

/** LeaderElectionCommandOptions.validate. */
export function validateLeaderElectionOptions(options: OptionSet): void {
  const missing = ['bootstrap-server', 'election-type'].filter((name) => !options.has(name))
  if (missing.length > 0) throw adminCommandFailed(`Missing required option(s): ${missing.join(', ')}`)
  const exclusive = ['topic', 'all-topic-partitions', 'path-to-json-file']
  if (exclusive.filter((name) => options.has(name)).length !== 1) {
    throw adminCommandFailed(`One and only one of the following options is required: ${exclusive.join(', ')}`)
  }
  if (options.has('topic') && !options.has('partition')) {
    throw adminCommandFailed('Missing required option(s): partition')
  }
  if (!options.has('topic') && options.has('partition')) {
    throw adminCommandFailed('Option partition is only allowed if topic is used')
  }
}

/** options.valueOf(electionType) through EnumConverter: a failed conversion names the option and the value. */
export function electionTypeOf(options: OptionSet): ElectionType {
  const text = options.valueOf('election-type') ?? ''
  const type = ELECTION_TYPES.find((each) => each.toLowerCase() === text.toLowerCase())
  if (type !== undefined) return type
  const cause = new JavaException(
    'joptsimple.ValueConversionException',
    `Value [${text}] is not one of [[${ELECTION_TYPES.join(',')}]]`,
  )
  throw new OptionException(
    'joptsimple.OptionArgumentConversionException',
    `Cannot parse argument '${text}' of option election-type`,
    [],
    cause,
  )
}

/**
 * kafka-acls' options (AclCommand.AclCommandOptions of Kafka 4.1) and checkArgs, whose failures print the
 * message and the usage (exit 1) in Kafka's order: help/version, one of --bootstrap-server /
 * --bootstrap-controller, exactly one action, the options --list and --producer / --consumer exclude, then
 * --principal, --producer, --idempotent and --consumer's own conditions.
 *
 * The operation names of --operation's description are SecurityUtils.operationName (PascalCase) of every
 * AclOperation but UNKNOWN and ANY, in declaration order (Kafka lists a HashSet of the enum, whose order
 * follows identity hash codes and changes from one JVM to the next).
 */
import { UsageException, checkInvalidArgs } from './command-line-utils.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'
import { ACL_OPERATIONS, type AclOperation } from '../../protocol/kafka-acls.ts'

/** SecurityUtils.toPascalCase of an enum name: `IDEMPOTENT_WRITE` → `IdempotentWrite`. */
export function pascalCase(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.slice(0, 1).toUpperCase() + word.slice(1))
    .join('')
}

/** AclEntry.ACL_OPERATIONS: every operation but the filter values. */
export const CONCRETE_OPERATIONS: readonly AclOperation[] = ACL_OPERATIONS.filter(
  (op) => op !== 'UNKNOWN' && op !== 'ANY',
)

const SERVERS_DESCRIPTION =
  'A list of host/port pairs to use for establishing the connection to the Kafka cluster. This list should be in the form host1:port1,host2:port2,... This config is required for acl management using admin client API.'

export const ACL_COMMAND_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', SERVERS_DESCRIPTION, { argumentDescription: 'server to connect to' }),
  withArgument('bootstrap-controller', SERVERS_DESCRIPTION, {
    argumentDescription: 'controller to connect to',
  }),
  withArgument('command-config', 'A property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'command-config',
    optional: true,
  }),
  withArgument(
    'topic',
    "topic to which ACLs should be added or removed. A value of '*' indicates ACL should apply to all topics.",
    { argumentDescription: 'topic' },
  ),
  flag('cluster', 'Add/Remove cluster ACLs.'),
  withArgument(
    'group',
    "Consumer Group to which the ACLs should be added or removed. A value of '*' indicates the ACLs should apply to all groups.",
    { argumentDescription: 'group' },
  ),
  withArgument(
    'transactional-id',
    "The transactionalId to which ACLs should be added or removed. A value of '*' indicates the ACLs should apply to all transactionalIds.",
    { argumentDescription: 'transactional-id' },
  ),
  flag(
    'idempotent',
    'Enable idempotence for the producer. This should be used in combination with the --producer option. Note that idempotence is enabled automatically if the producer is authorized to a particular transactional-id.',
  ),
  withArgument(
    'delegation-token',
    "Delegation token to which ACLs should be added or removed. A value of '*' indicates ACL should apply to all tokens.",
    { argumentDescription: 'delegation-token' },
  ),
  withArgument(
    'resource-pattern-type',
    "The type of the resource pattern or pattern filter. When adding acls, this should be a specific pattern type, e.g. 'literal' or 'prefixed'. When listing or removing acls, a specific pattern type can be used to list or remove acls from specific resource patterns, or use the filter values of 'any' or 'match', where 'any' will match any pattern type, but will match the resource name exactly, where as 'match' will perform pattern matching to list or remove all acls that affect the supplied resource(s). WARNING: 'match', when used in combination with the '--remove' switch, should be used with care.",
    { type: 'ANY|MATCH|LITERAL|PREFIXED', defaultsTo: 'LITERAL' },
  ),
  flag('add', 'Indicates you are trying to add ACLs.'),
  flag('remove', 'Indicates you are trying to remove ACLs.'),
  flag(
    'list',
    'List ACLs for the specified resource, use --topic <topic> or --group <group> or --cluster to specify a resource.',
  ),
  withArgument(
    'operation',
    'Operation that is being allowed or denied. Valid operation names are: \n' +
      CONCRETE_OPERATIONS.map((op) => '\t' + pascalCase(op)).join('\n') +
      '\n',
    { defaultsTo: 'All' },
  ),
  withArgument(
    'allow-principal',
    "principal is in principalType:name format. Note that principalType must be supported by the Authorizer being used. For example, User:'*' is the wild card indicating all users.",
    { argumentDescription: 'allow-principal' },
  ),
  withArgument(
    'deny-principal',
    "principal is in principalType:name format. By default anyone not added through --allow-principal is denied access. You only need to use this option as negation to already allowed set. Note that principalType must be supported by the Authorizer being used. For example if you wanted to allow access to all users in the system but not test-user you can define an ACL that allows access to User:'*' and specify --deny-principal=User:test@EXAMPLE.COM. AND PLEASE REMEMBER DENY RULES TAKES PRECEDENCE OVER ALLOW RULES.",
    { argumentDescription: 'deny-principal' },
  ),
  withArgument(
    'principal',
    'List ACLs for the specified principal. principal is in principalType:name format. Note that principalType must be supported by the Authorizer being used. Multiple --principal option can be passed.',
    { argumentDescription: 'principal', optional: true },
  ),
  withArgument(
    'allow-host',
    "Host from which principals listed in --allow-principal will have access. If you have specified --allow-principal then the default for this option will be set to '*' which allows access from all hosts.",
    { argumentDescription: 'allow-host' },
  ),
  withArgument(
    'deny-host',
    "Host from which principals listed in --deny-principal will be denied access. If you have specified --deny-principal then the default for this option will be set to '*' which denies access from all hosts.",
    { argumentDescription: 'deny-host' },
  ),
  flag(
    'producer',
    'Convenience option to add/remove ACLs for producer role. This will generate ACLs that allows WRITE,DESCRIBE and CREATE on topic.',
  ),
  flag(
    'consumer',
    'Convenience option to add/remove ACLs for consumer role. This will generate ACLs that allows READ,DESCRIBE on topic and READ on group.',
  ),
  flag('force', 'Assume Yes to all queries and do not prompt.'),
  withArgument(
    'user-principal',
    'Specifies a user principal as a resource in relation with the operation. For instance one could grant CreateTokens or DescribeTokens permission on a given user principal.',
    { argumentDescription: 'user-principal' },
  ),
]

export type AclAction = 'add' | 'remove' | 'list'

function usage(message: string): UsageException {
  return new UsageException(message)
}

/** AclCommandOptions.checkArgs (after maybePrintHelpOrVersion): the action the command asks for. */
export function checkAclArgs(options: OptionSet): AclAction {
  if (options.has('bootstrap-server') && options.has('bootstrap-controller'))
    throw usage('Only one of --bootstrap-server or --bootstrap-controller must be specified')
  if (!options.has('bootstrap-server') && !options.has('bootstrap-controller'))
    throw usage('One of --bootstrap-server or --bootstrap-controller must be specified')
  const actions = (['list', 'add', 'remove'] as const).filter((action) => options.has(action))
  const action = actions[0]
  if (actions.length !== 1 || action === undefined)
    throw usage('Command must include exactly one action: --list, --add, --remove. ')
  checkInvalidArgs(options, 'list', [
    'producer',
    'consumer',
    'allow-host',
    'allow-principal',
    'deny-host',
    'deny-principal',
  ])
  checkInvalidArgs(options, 'producer', ['operation', 'deny-principal', 'deny-host'])
  checkInvalidArgs(options, 'consumer', ['operation', 'deny-principal', 'deny-host'])
  if (options.has('principal') && !options.has('list'))
    throw usage('The --principal option is only available if --list is set')
  if (options.has('producer') && !options.has('topic'))
    throw usage('With --producer you must specify a --topic')
  if (options.has('idempotent') && !options.has('producer'))
    throw usage('The --idempotent option is only available if --producer is set')
  const consumerWithout =
    !options.has('topic') ||
    !options.has('group') ||
    (!options.has('producer') && (options.has('cluster') || options.has('transactional-id')))
  if (options.has('consumer') && consumerWithout)
    throw usage(
      'With --consumer you must specify a --topic and a --group and no --cluster or --transactional-id option should be specified.',
    )
  return action
}

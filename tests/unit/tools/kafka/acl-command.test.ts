// kafka-acls against a fake Admin: Kafka 4.1's AclCommand text for --add (already-existing ACLs, the
// "Adding ACLs" block), --list (all, by filter, by principal), --remove with --force and with an answer on
// stdin, the --producer / --consumer sets; its failures without an authorizer (SecurityDisabledException on
// stdout after "Error while executing ACL command:"); and the usage errors of AclCommandOptions.checkArgs and of
// the command's own checks, each printed with the help table.
import { describe, expect, it } from 'vitest'
import { kafkaAcls } from '../../../../workers/tools/kafka/acl-command.ts'
import { formatHelp } from '../../../../workers/tools/kafka/options/help-formatter.ts'
import { ACL_COMMAND_OPTIONS } from '../../../../workers/tools/kafka/acl-command-options.ts'
import type { AclBinding } from '../../../../workers/protocol/kafka-acls.ts'
import { harness } from './fakes.ts'

const B = ['--bootstrap-server', 'localhost:9092']
const HELP = formatHelp(ACL_COMMAND_OPTIONS)
const ORDERS = '`ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`'

async function run(argv: string[], acls: AclBinding[] | null = [], stdin: string[] = []) {
  const h = harness(stdin)
  h.admin.acls = acls
  const code = await kafkaAcls(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

const binding = (principal: string, operation: AclBinding['entry']['operation']): AclBinding => ({
  pattern: { resourceType: 'TOPIC', name: 'orders', patternType: 'LITERAL' },
  entry: { principal, host: '*', operation, permissionType: 'ALLOW' },
})

describe('kafka-acls without an authorizer', () => {
  it('fails --list and --add at DescribeAcls, as the broker answers it', async () => {
    const error =
      'Error while executing ACL command: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured on the broker\n' +
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured on the broker\n' +
      'Caused by: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured on the broker\n\n'
    expect(await run([...B, '--list'], null)).toMatchObject({ code: 1, stdout: error, stderr: '' })
    const add = await run([...B, '--add', '--allow-principal', 'User:alice', '--topic', 'orders'], null)
    expect(add).toMatchObject({ code: 1, stdout: error, stderr: '' })
    expect(add.admin.aclCalls).toEqual([`describe ${ORDERS.slice(1, -1)}`])
  })

  it('fails --remove at DeleteAcls, forwarded to the controller', async () => {
    const result = await run([...B, '--remove', '--topic', 'orders', '--force'], null)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      'Error while executing ACL command: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured.\n' +
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured.\n' +
        'Caused by: org.apache.kafka.common.errors.SecurityDisabledException: No Authorizer is configured.\n\n',
    )
  })
})

describe('kafka-acls with an authorizer', () => {
  it('adds the new ACLs of each resource and reports those that exist', async () => {
    const result = await run(
      [
        ...B,
        '--add',
        '--allow-principal',
        'User:alice',
        '--operation',
        'Read',
        '--operation',
        'DESCRIBE',
        '--topic',
        'orders',
      ],
      [binding('User:alice', 'READ')],
    )
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toBe(
      'Acl (pattern=ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL), entry=(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)) already exists.\n' +
        `Adding ACLs for resource ${ORDERS}: \n` +
        ' \t(principal=User:alice, host=*, operation=DESCRIBE, permissionType=ALLOW)\n\n',
    )
    expect(result.admin.acls).toEqual([binding('User:alice', 'READ'), binding('User:alice', 'DESCRIBE')])
  })

  it('builds the --producer (with --idempotent) and --consumer sets with the given hosts', async () => {
    const result = await run([
      ...B,
      '--add',
      '--allow-principal',
      'User:bob',
      '--allow-host',
      '10.0.0.7',
      '--producer',
      '--consumer',
      '--idempotent',
      '--topic',
      'orders',
      '--group',
      'g',
    ])
    const entry = (op: string) => `(principal=User:bob, host=10.0.0.7, operation=${op}, permissionType=ALLOW)`
    expect(result.stdout).toBe(
      `Adding ACLs for resource ${ORDERS}: \n \t${entry('WRITE')}\n\t${entry('DESCRIBE')}\n\t${entry('CREATE')}\n\t${entry('READ')}\n\n` +
        'Adding ACLs for resource `ResourcePattern(resourceType=CLUSTER, name=kafka-cluster, patternType=LITERAL)`: \n' +
        ` \t${entry('IDEMPOTENT_WRITE')}\n\n` +
        'Adding ACLs for resource `ResourcePattern(resourceType=GROUP, name=g, patternType=LITERAL)`: \n' +
        ` \t${entry('READ')}\n\n`,
    )
  })

  it('lists every resource, a filter, and one principal', async () => {
    const acls = [
      binding('User:alice', 'READ'),
      binding('User:bob', 'WRITE'),
      {
        pattern: { resourceType: 'GROUP', name: 'etl-', patternType: 'PREFIXED' },
        entry: { principal: 'User:bob', host: '*', operation: 'READ', permissionType: 'DENY' },
      } satisfies AclBinding,
    ]
    const all = await run([...B, '--list'], acls)
    expect(all.stdout).toBe(
      `Current ACLs for resource ${ORDERS}:\n` +
        '\t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)\n' +
        '\t(principal=User:bob, host=*, operation=WRITE, permissionType=ALLOW)\n\n' +
        'Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=etl-, patternType=PREFIXED)`:\n' +
        '\t(principal=User:bob, host=*, operation=READ, permissionType=DENY)\n\n',
    )
    const match = await run([...B, '--list', '--group', 'etl-x', '--resource-pattern-type', 'match'], acls)
    expect(match.stdout).toBe(
      'Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=etl-, patternType=PREFIXED)`:\n' +
        '\t(principal=User:bob, host=*, operation=READ, permissionType=DENY)\n\n',
    )
    const alice = await run([...B, '--list', '--principal', 'User:alice'], acls)
    expect(alice.stdout).toBe(
      'ACLs for principal `User:alice`\n' +
        `Current ACLs for resource ${ORDERS}:\n` +
        '\t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)\n\n',
    )
    expect((await run([...B, '--list', '--topic', 'none'], acls)).stdout).toBe('')
  })

  it('removes with --force, asks otherwise and takes the answer from stdin', async () => {
    const acls = () => [binding('User:alice', 'READ'), binding('User:bob', 'WRITE')]
    const forced = await run(
      [
        ...B,
        '--remove',
        '--allow-principal',
        'User:bob',
        '--operation',
        'Write',
        '--topic',
        'orders',
        '--force',
      ],
      acls(),
    )
    expect(forced).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect(forced.admin.acls).toEqual([binding('User:alice', 'READ')])

    const question = `Are you sure you want to delete all ACLs for resource filter ${ORDERS}? (y/n)\n`
    const yes = await run([...B, '--remove', '--topic', 'orders'], acls(), ['Y'])
    expect(yes).toMatchObject({ code: 0, stdout: question, stderr: '' })
    expect(yes.admin.acls).toEqual([])

    const unanswered = await run([...B, '--remove', '--topic', 'orders'], acls())
    expect(unanswered.stdout).toBe(question)
    expect(unanswered.stderr).toBe(
      '[playground] kafka-acls reads its answer from the terminal: give it on the line after the command (a here-document) or add --force.\n',
    )
    expect(unanswered.admin.acls).toHaveLength(2)

    const some = await run([...B, '--remove', '--allow-principal', 'User:bob', '--topic', 'orders'], acls(), [
      'n',
    ])
    expect(some.stdout).toBe(
      'Are you sure you want to remove ACLs: \n' +
        ' \t(principal=User:bob, host=*, operation=ALL, permissionType=ALLOW)\n' +
        ` from resource filter ${ORDERS}? (y/n)\n`,
    )
  })

  it('reports a bad principal and a bad pattern type as errors of the command', async () => {
    const principal = await run([...B, '--add', '--allow-principal', 'alice', '--topic', 'orders'])
    expect(principal).toMatchObject({ code: 1, stderr: '' })
    expect(principal.stdout).toBe(
      'Error while executing ACL command: expected a string in format principalType:principalName but got alice\n' +
        'java.lang.IllegalArgumentException: expected a string in format principalType:principalName but got alice\n\n',
    )
    const pattern = await run([...B, '--list', '--topic', 'orders', '--resource-pattern-type', 'glob'])
    expect(pattern.stdout).toBe(
      "Error while executing ACL command: Cannot parse argument 'glob' of option resource-pattern-type\n" +
        "joptsimple.OptionArgumentConversionException: Cannot parse argument 'glob' of option resource-pattern-type\n" +
        'Caused by: joptsimple.ValueConversionException: Value [glob] is not one of [ANY|MATCH|LITERAL|PREFIXED]\n\n',
    )
  })
})

describe('kafka-acls usage errors', () => {
  const cases: Array<[string[], string]> = [
    [[], 'This tool helps to manage acls on kafka.'],
    [['--list'], 'One of --bootstrap-server or --bootstrap-controller must be specified'],
    [
      [...B, '--bootstrap-controller', 'localhost:19092', '--list'],
      'Only one of --bootstrap-server or --bootstrap-controller must be specified',
    ],
    [B, 'Command must include exactly one action: --list, --add, --remove. '],
    [[...B, '--add', '--list'], 'Command must include exactly one action: --list, --add, --remove. '],
    [
      [...B, '--list', '--allow-principal', 'User:a'],
      'Option "[list]" can\'t be used with option "[allow-principal]"',
    ],
    [
      [...B, '--add', '--producer', '--operation', 'Read', '--topic', 't'],
      'Option "[producer]" can\'t be used with option "[operation]"',
    ],
    [[...B, '--add', '--principal', 'User:a'], 'The --principal option is only available if --list is set'],
    [[...B, '--add', '--producer'], 'With --producer you must specify a --topic'],
    [[...B, '--add', '--idempotent'], 'The --idempotent option is only available if --producer is set'],
    [
      [...B, '--add', '--consumer', '--topic', 't'],
      'With --consumer you must specify a --topic and a --group and no --cluster or --transactional-id option should be specified.',
    ],
    [
      [...B, '--add', '--topic', 'orders'],
      'You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.',
    ],
    [
      [...B, '--add', '--allow-principal', 'User:a'],
      'You must provide at least one resource: --topic <topic> or --cluster or --group <group> or --delegation-token <Delegation Token ID>',
    ],
    [
      [...B, '--add', '--allow-principal', 'User:a', '--topic', 't', '--resource-pattern-type', 'match'],
      "A '--resource-pattern-type' value of 'MATCH' is not valid when adding acls.",
    ],
    [
      [...B, '--add', '--allow-principal', 'User:a', '--operation', 'Write', '--group', 'g'],
      'ResourceType GROUP only supports operations [ALL, READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS]',
    ],
    [
      [...B, '--add', '--allow-principal', 'User:a', '--operation', 'Fly', '--topic', 't'],
      'ResourceType TOPIC only supports operations [ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS]',
    ],
    [[...B, '--list', '--topics', 't'], 'topics is not a recognized option'],
  ]
  for (const [argv, message] of cases) {
    it(`${argv.join(' ') || '(no arguments)'}: ${message}`, async () => {
      const result = await run(argv)
      expect(result).toMatchObject({ code: 1, stdout: '', stderr: message + '\n' + HELP })
      expect(result.admin.aclCalls).toEqual([])
    })
  }

  it('adds a [playground] line for the removed --authorizer-properties and for --bootstrap-controller', async () => {
    const removed = await run(['--authorizer-properties', 'zookeeper.connect=localhost:2181', '--list'])
    expect(removed.stderr).toBe(
      'authorizer-properties is not a recognized option\n' +
        HELP +
        '[playground] Kafka 4.0 removed --authorizer-properties from kafka-acls: the brokers keep the ACLs, use --bootstrap-server localhost:9092.\n',
    )
    const controller = await run(['--bootstrap-controller', 'localhost:19092', '--list'])
    expect(controller).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        "[playground] The playground's tools reach the brokers only: use --bootstrap-server localhost:9092.\n",
    })
  })
})

/**
 * kafka-acls.sh (AclCommand of Kafka 4.1): adds, removes and lists ACLs through the Admin client.
 *
 * --add: for each resource, the ACLs already there (describeAcls on the resource) are reported as
 *   `Acl (pattern=ResourcePattern(...), entry=(principal=..., ...)) already exists.`; the others are printed as
 *   "Adding ACLs for resource `ResourcePattern(...)`: " then ` \t(principal=...)` lines and a blank line, and
 *   created (createAcls). Nothing is listed afterwards.
 * --remove: asks `Are you sure you want to delete all ACLs for resource filter `...`? (y/n)` (or, with entries,
 *   `Are you sure you want to remove ACLs: ... from resource filter `...`? (y/n)`) unless --force, reading the
 *   answer from the command's stdin (the first unread line; `y` in any case confirms), then deleteAcls.
 * --list: "Current ACLs for resource `ResourcePattern(...)`:" then a `\t(principal=...)` line per ACL and a blank
 *   line, for every resource the filters (all ACLs without one) match; with --principal, under
 *   "ACLs for principal `User:alice`" only that principal's.
 *
 * Errors: option errors and checkArgs print the message and the usage on stderr (exit 1). Anything thrown while
 * the command runs is caught as main does: `Error while executing ACL command: <message>` then the exception's
 * stack trace on stdout, exit 1; without an authorizer on the brokers that is
 * `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.SecurityDisabledException: No
 * Authorizer is configured on the broker` (DescribeAcls, which --add and --list send first) or `... No Authorizer
 * is configured.` (DeleteAcls), with its `Caused by:` line.
 */
import type { AccessControlEntry, AclBinding, ResourcePatternFilter } from '../../protocol/kafka-acls.ts'
import { ANY_ENTRY, accessControlEntryString, resourcePatternString } from '../../protocol/kafka-acls.ts'
import type { Admin } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import {
  UsageException,
  VersionRequest,
  maybePrintHelpOrVersion,
  printUsageOrVersion,
} from './command-line-utils.ts'
import { ACL_COMMAND_OPTIONS, checkAclArgs } from './acl-command-options.ts'
import { listPrincipals, patternTypeOf, resourceFilterToAcls, resourceFilters } from './acl-resources.ts'
import { OptionException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { authorizerPropertiesHint } from './playground-hints.ts'
import { asJavaException, futureGet } from './tool-errors.ts'
import { loadProps } from './tool-files.ts'
import { clientLog } from './tool-log.ts'
import { lineReader } from '../line-input.ts'

const USAGE = 'This tool helps to manage acls on kafka.'

function bindingString({ pattern, entry }: AclBinding): string {
  return `(pattern=${resourcePatternString(pattern)}, entry=${accessControlEntryString(entry)})`
}

/** The ` \t`-led entry lines Adding ACLs and the remove prompt print (the first line also gets a space). */
function entryLines(acls: readonly AccessControlEntry[]): string {
  return ' ' + acls.map((acl) => '\t' + accessControlEntryString(acl)).join('\n')
}

class AclCommand {
  private readonly readLine: () => Promise<string | null>

  constructor(
    private readonly options: OptionSet,
    private readonly admin: Admin,
    private readonly context: ToolContext,
  ) {
    this.readLine = lineReader(context.stdin)
  }

  private println(text: string): void {
    this.context.out.stdout(text + '\n')
  }

  async add(): Promise<void> {
    const patternType = patternTypeOf(this.options)
    if (patternType !== 'LITERAL' && patternType !== 'PREFIXED')
      throw new UsageException(
        `A '--resource-pattern-type' value of '${patternType}' is not valid when adding acls.`,
      )
    const resourceToAcls = resourceFilterToAcls(this.options)
    if ([...resourceToAcls.values()].some(({ acls }) => acls.length === 0))
      throw new UsageException(
        'You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.',
      )
    for (const { filter, acls } of resourceToAcls.values()) {
      const pattern = {
        resourceType: filter.resourceType,
        name: filter.name ?? '',
        patternType: filter.patternType,
      }
      const existing = new Set(
        (await futureGet(this.admin.describeAcls({ patternFilter: filter, entryFilter: ANY_ENTRY }))).map(
          bindingString,
        ),
      )
      const bindings: AclBinding[] = []
      for (const entry of acls) {
        const binding = { pattern, entry }
        if (existing.has(bindingString(binding)))
          this.println(`Acl ${bindingString(binding)} already exists.`)
        else bindings.push(binding)
      }
      if (bindings.length === 0) continue
      this.println(
        `Adding ACLs for resource \`${resourcePatternString(pattern)}\`: \n${entryLines(bindings.map((b) => b.entry))}\n`,
      )
      await futureGet(this.admin.createAcls(bindings))
    }
  }

  async remove(): Promise<void> {
    for (const { filter, acls } of resourceFilterToAcls(this.options).values()) {
      const question =
        acls.length === 0
          ? `Are you sure you want to delete all ACLs for resource filter \`${resourcePatternString(filter)}\`? (y/n)`
          : `Are you sure you want to remove ACLs: \n${entryLines(acls)}\n from resource filter \`${resourcePatternString(filter)}\`? (y/n)`
      if (!(await this.confirm(question))) continue
      const entryFilters = acls.length === 0 ? [ANY_ENTRY] : acls
      await futureGet(
        this.admin.deleteAcls(entryFilters.map((entryFilter) => ({ patternFilter: filter, entryFilter }))),
      )
    }
  }

  private async confirm(question: string): Promise<boolean> {
    if (this.options.has('force')) return true
    this.println(question)
    const answer = await this.readLine()
    if (answer === null) {
      this.context.out.stderr(
        '[playground] kafka-acls reads its answer from the terminal: give it on the line after the command (a here-document) or add --force.\n',
      )
    }
    return (answer ?? '').toLowerCase() === 'y'
  }

  async list(): Promise<void> {
    const filters = resourceFilters(this.options, false)
    const principals = listPrincipals(this.options)
    const resourceToAcls = await this.describe(filters)
    if (principals.length === 0) {
      this.printResourceAcls(resourceToAcls)
      return
    }
    for (const principal of principals) {
      this.println(`ACLs for principal \`${principal}\``)
      const mine = new Map(
        [...resourceToAcls].map(
          ([resource, acls]) => [resource, acls.filter((acl) => acl.principal === principal)] as const,
        ),
      )
      this.printResourceAcls(new Map([...mine].filter(([, acls]) => acls.length > 0)))
    }
  }

  /** AclCommand.getAcls: every ACL the filters match (all ACLs without a filter), by resource. */
  private async describe(
    filters: readonly ResourcePatternFilter[],
  ): Promise<Map<string, AccessControlEntry[]>> {
    const all: ResourcePatternFilter = { resourceType: 'ANY', name: null, patternType: 'ANY' }
    const bindings: AclBinding[] = []
    for (const patternFilter of filters.length === 0 ? [all] : filters)
      bindings.push(...(await futureGet(this.admin.describeAcls({ patternFilter, entryFilter: ANY_ENTRY }))))
    const byResource = new Map<string, AccessControlEntry[]>()
    for (const { pattern, entry } of bindings) {
      const acls = byResource.get(resourcePatternString(pattern)) ?? []
      if (!acls.some((acl) => accessControlEntryString(acl) === accessControlEntryString(entry)))
        acls.push(entry)
      byResource.set(resourcePatternString(pattern), acls)
    }
    return byResource
  }

  private printResourceAcls(resourceToAcls: ReadonlyMap<string, readonly AccessControlEntry[]>): void {
    for (const [resource, acls] of resourceToAcls) {
      this.println(
        `Current ACLs for resource \`${resource}\`:\n${acls.map((acl) => '\t' + accessControlEntryString(acl)).join('\n')}\n`,
      )
    }
  }
}

function parse(argv: readonly string[]): OptionSet {
  try {
    return parseOptions(ACL_COMMAND_OPTIONS, argv)
  } catch (error) {
    if (error instanceof OptionException) throw new UsageException(error.javaMessage ?? '')
    throw error
  }
}

export const kafkaAcls: Tool = async (argv, context) => {
  let options: OptionSet
  let action: 'add' | 'remove' | 'list'
  try {
    options = parse(argv)
    maybePrintHelpOrVersion(argv, options, USAGE)
    action = checkAclArgs(options)
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      const code = printUsageOrVersion(context.out, ACL_COMMAND_OPTIONS, error)
      context.out.stderr(authorizerPropertiesHint(argv))
      return code
    }
    throw error
  }
  if (!options.has('bootstrap-server')) {
    context.out.stderr(
      "[playground] The playground's tools reach the brokers only: use --bootstrap-server localhost:9092.\n",
    )
    return 1
  }
  try {
    const commandConfig = options.valueOf('command-config')
    if (commandConfig !== null) loadProps(context, commandConfig)
    const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
    try {
      await new AclCommand(options, admin, context)[action]()
    } finally {
      await admin.close()
    }
    return 0
  } catch (error) {
    if (error instanceof UsageException) return printUsageOrVersion(context.out, ACL_COMMAND_OPTIONS, error)
    const exception = asJavaException(error)
    context.out.stdout(
      `Error while executing ACL command: ${exception.javaMessage ?? 'null'}\n${exception.stackTrace()}\n`,
    )
    return 1
  }
}

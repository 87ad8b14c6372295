/**
 * A broker's ACL answers (Kafka 4.1's AclApis on the broker, with the StandardAuthorizer it holds when
 * server.properties sets `authorizer.class.name`). DescribeAcls is answered from this broker's replayed
 * metadata (the authorizer's ACLs are the metadata image's), or SECURITY_DISABLED `No Authorizer is
 * configured on the broker` without an authorizer. CreateAcls and DeleteAcls are forwarded to the active
 * controller (KafkaApis.forwardToController), which refuses them when its own node runs no authorizer, and
 * answered once this broker replayed the records they wrote, so the next describe on it sees the change.
 * Nothing is authorized per request: the brokers do not enforce ACLs (docs/DEVIATIONS.md).
 */
import type {
  AclApi,
  AclBinding,
  AclBindingFilter,
  AclCreationResult,
  DeleteAclsFilterResult,
  DescribeAclsResponse,
} from '../../protocol/kafka-acls.ts'
import { bindingFilterMatches, bindingKey } from '../../protocol/kafka-acls.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'

/** The class a KRaft cluster names in `authorizer.class.name` (the only authorizer Kafka 4.1 ships). */
export const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'

/** Whether a node started with these server.properties runs an authorizer. */
export function hasAuthorizer(serverProperties: Readonly<Record<string, string>>): boolean {
  return (serverProperties['authorizer.class.name'] ?? '').trim() !== ''
}

export interface AclApisDeps {
  metadata: ClusterMetadata
  hasAuthorizer: boolean
  /** The active controller's answer, or null when it could not be reached. */
  forward: (request: ControllerRequest) => Promise<ControllerResponse | null>
  /** Waits (bounded) until the condition holds on this broker's metadata. */
  waitFor: (condition: () => boolean) => Promise<void>
}

const UNAVAILABLE = {
  error: 'REQUEST_TIMED_OUT',
  message: 'Timed out waiting for a node assignment.',
} as const

export class AclApis implements AclApi {
  constructor(private readonly deps: AclApisDeps) {}

  describeAcls(filter: AclBindingFilter): Promise<DescribeAclsResponse> {
    if (!this.deps.hasAuthorizer) {
      return Promise.resolve({
        error: 'SECURITY_DISABLED',
        message: 'No Authorizer is configured on the broker',
        bindings: [],
      })
    }
    const bindings = [...this.deps.metadata.acls.values()].filter((binding) =>
      bindingFilterMatches(filter, binding),
    )
    return Promise.resolve({ error: null, message: null, bindings })
  }

  async createAcls(bindings: AclBinding[]): Promise<AclCreationResult[]> {
    const response = await this.deps.forward({ api: 'CreateAcls', bindings })
    if (response?.api !== 'CreateAcls') return bindings.map(() => UNAVAILABLE)
    const created = new Set(
      bindings.filter((_, i) => response.results[i]?.error === null).map((binding) => bindingKey(binding)),
    )
    await this.deps.waitFor(() => {
      const present = new Set([...this.deps.metadata.acls.values()].map(bindingKey))
      return [...created].every((key) => present.has(key))
    })
    return response.results
  }

  async deleteAcls(filters: AclBindingFilter[]): Promise<DeleteAclsFilterResult[]> {
    const response = await this.deps.forward({ api: 'DeleteAcls', filters })
    if (response?.api !== 'DeleteAcls') return filters.map(() => ({ ...UNAVAILABLE, deleted: [] }))
    const deleted = new Set(response.results.flatMap((result) => result.deleted.map(bindingKey)))
    await this.deps.waitFor(() =>
      [...this.deps.metadata.acls.values()].every((b) => !deleted.has(bindingKey(b))),
    )
    return response.results
  }
}

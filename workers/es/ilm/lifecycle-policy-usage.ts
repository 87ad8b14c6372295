/**
 * Which indices, data streams and composable templates use an ILM policy (LifecyclePolicyUsageCalculator /
 * ItemUsage, ES 8.17): a template uses the policy its resolved settings (component templates, then its own)
 * name in index.lifecycle.name; a data stream uses its matching template's; an index its own setting. Each list
 * is a Java HashSet, so it prints in Java's hash order.
 */
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { dataStreamsOf } from '../cluster/metadata/data-stream.ts'
import {
  composedTemplates,
  findV2Template,
  indexTemplates,
} from '../cluster/metadata/metadata-index-template-service.ts'
import type { ComposableIndexTemplate } from '../cluster/metadata/index-templates.ts'
import { lifecyclePolicyName } from './index-lifecycle-metadata.ts'

const NAME = 'index.lifecycle.name'

/** MetadataIndexTemplateService.resolveSettings's index.lifecycle.name, or null. */
export function templatePolicyName(state: ClusterState, template: ComposableIndexTemplate): string | null {
  let name: string | null = null
  for (const part of composedTemplates(state, template)) {
    const value = part.settings?.[NAME]
    if (typeof value === 'string') name = value === '' ? null : value
  }
  return name
}

/** ItemUsage.toXContent for one policy. */
export function policyUsage(state: ClusterState, policy: string): Map<string, JsonOut> {
  const indices = indicesMetadata(state)
    .filter((metadata) => lifecyclePolicyName(metadata) === policy)
    .map((metadata) => metadata.name)
  const templates = Object.entries(indexTemplates(state))
    .filter(([, template]) => templatePolicyName(state, template) === policy)
    .map(([name]) => name)
  const dataStreams = Object.keys(dataStreamsOf(state)).filter((name) => {
    const found = findV2Template(state, name)
    return found !== null && templatePolicyName(state, found.template) === policy
  })
  return new Map<string, JsonOut>([
    ['indices', javaStringKeyOrder(indices)],
    ['data_streams', javaStringKeyOrder(dataStreams)],
    ['composable_templates', javaStringKeyOrder(templates)],
  ])
}

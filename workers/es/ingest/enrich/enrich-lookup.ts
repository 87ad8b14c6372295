/**
 * What the enrich processor reads, as one synchronous view taken before a pipeline runs: for a policy, the
 * enrich index its alias `.enrich-<policy>` names now (with the policy and that index's mapping), and that index's
 * documents in index order. ES's processor searches the enrich index per document; here the documents of every enrich index are
 * loaded before a write's pipelines run (enrich-documents.ts), so the lookup is an in-memory scan.
 * NO_ENRICH knows no enrich index (a pipeline naming a policy then fails to compile, as it would in ES before
 * the policy was executed). The same view of the cluster state gives the script processor its stored scripts
 * (ScriptService.compile reads them from the state the node has when the pipeline is put or run).
 */
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { enrichIndexBaseName, type EnrichPolicyMetadata } from '../../cluster/metadata/enrich-policy.ts'
import { enrichPolicies } from '../../cluster/metadata/metadata-enrich-service.ts'
import { aliasesLookup } from '../../cluster/metadata/index-abstraction.ts'
import { indicesMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import {
  NO_STORED_SCRIPTS,
  storedScriptLookup,
  type StoredScriptLookup,
} from '../../cluster/metadata/script-metadata.ts'

export interface EnrichIndex {
  readonly policy: EnrichPolicyMetadata
  /** The concrete enrich index (`.enrich-<policy>-<millis>`). */
  readonly index: string
  /** The enrich index's mapping (a range policy's lookup parses its match field's ranges with it). */
  readonly mapping: Mapping
}

export interface EnrichLookup {
  /** The policy's current enrich index, or null when none exists. */
  enrichIndex(policyName: string): EnrichIndex | null
  /** The sources of an enrich index's documents in index order ([] when not loaded). */
  documents(index: string): readonly XContentObject[]
  /** The stored scripts of the same cluster state, by id. */
  readonly storedScript: StoredScriptLookup
}

export const NO_ENRICH: EnrichLookup = {
  enrichIndex: () => null,
  documents: () => [],
  storedScript: NO_STORED_SCRIPTS,
}

/** The lookup over a cluster state and the enrich documents loaded for it. */
export function enrichLookup(
  state: ClusterState,
  documents: ReadonlyMap<string, readonly XContentObject[]>,
): EnrichLookup {
  const indices = indicesMetadata(state)
  const aliases = aliasesLookup(indices)
  const policies = enrichPolicies(state)
  return {
    enrichIndex(policyName) {
      const member = aliases.get(enrichIndexBaseName(policyName))?.members[0]
      const policy = policies[policyName]
      const metadata = member && indices.find((index) => index.name === member.index)
      return metadata && policy ? { policy, index: metadata.name, mapping: metadata.mapping } : null
    },
    documents: (index) => documents.get(index) ?? [],
    storedScript: storedScriptLookup(state),
  }
}

/** The match field's value in an enrich document (its `_source`), through objects. */
export function matchFieldValue(source: XContentObject, path: string): XContentValue | undefined {
  let node: XContentValue | undefined = source
  for (const part of path.split('.')) node = node instanceof Map ? node.get(part) : undefined
  return node
}

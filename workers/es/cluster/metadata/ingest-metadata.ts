/**
 * IngestMetadata: the cluster state's pipelines, by id, each the JSON text of its PUT body.
 *
 * A put with `if_version` (IngestService.PutPipelineClusterStateUpdateTask) is checked against the stored
 * pipeline's `version`: no stored pipeline, or another version, is a `version conflict` (400); a body whose own
 * `version` equals the stored one is refused as an update with the same version. A body without a `version`
 * gets `if_version + 1`, and is then stored as ES writes it back from the unordered map it read
 * (XContentHelper.convertToMap(..., false): Java HashMap order at every level, numbers as Java values).
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { XNumber, parseJson, toJson, type XContentObject } from '../../xcontent/index.ts'
import { hashMapOrdered, sourceToJson } from '../../action/source-map.ts'

export function putPipeline(
  state: ClusterState,
  id: string,
  source: string,
  ifVersion: number | null,
): ClusterState {
  const stored = pipelineSourceToStore(state.metadata.pipelines[id], id, source, ifVersion)
  return {
    ...state,
    metadata: { ...state.metadata, pipelines: { ...state.metadata.pipelines, [id]: stored } },
  }
}

/** The text a put stores in place of `current` (the stored pipeline's, if any); throws on a version conflict. */
export function pipelineSourceToStore(
  current: string | undefined,
  id: string,
  source: string,
  ifVersion: number | null,
): string {
  if (ifVersion === null) return source
  if (current === undefined) {
    throw illegalArgumentException(
      `version conflict, required version [${ifVersion}] for pipeline [${id}] but no pipeline was found`,
    )
  }
  const currentVersion = pipelineVersion(parseJson(current) as XContentObject)
  if (currentVersion !== ifVersion) {
    throw illegalArgumentException(
      `version conflict, required version [${ifVersion}] for pipeline [${id}] but current version is [${currentVersion ?? 'null'}]`,
    )
  }
  const config = parseJson(source) as XContentObject
  const specified = pipelineVersion(config)
  if (config.has('version') && specified === currentVersion) {
    throw illegalArgumentException(`cannot update pipeline [${id}] with the same version [${ifVersion}]`)
  }
  if (specified !== null) return source
  config.set('version', new XNumber(String(ifVersion + 1)))
  return toJson(sourceToJson(hashMapOrdered(config)))
}

/** PipelineConfiguration.getVersion: the config's `version` as an Integer, null when absent. */
function pipelineVersion(config: XContentObject): number | null {
  const version = config.get('version')
  if (version instanceof XNumber) return Math.trunc(version.value) | 0
  return typeof version === 'string' ? Number.parseInt(version, 10) : null
}

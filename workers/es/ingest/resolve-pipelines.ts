/**
 * IngestService.resolvePipelines (ES 8.17): the default and final pipeline ids a write to a name runs, `_none`
 * for none (IngestService.NOOP_PIPELINE_NAME, also the settings' default).
 *
 * From the cluster metadata first (resolvePipelinesFromMetadata): the settings of the index the name is, or of
 * the write index of the alias or data stream it names; an alias without a write index has none to give. When
 * the metadata has nothing (the write will create the index), from the templates a new index of that name would
 * take (resolvePipelinesFromIndexTemplates): the matching composable template's composed settings, else the
 * matching legacy templates, highest order first, each setting from the first that sets it. A name the
 * templates may not be consulted for (an update's upsert IndexRequest, which has no index) gives none.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata, indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { aliasesLookup, writeIndexOf } from '../cluster/metadata/index-abstraction.ts'
import { dataStreamsOf, writeIndexOfDataStream } from '../cluster/metadata/data-stream.ts'
import { composedTemplates, findV2Template } from '../cluster/metadata/metadata-index-template-service.ts'
import { findV1Templates } from '../cluster/metadata/metadata-legacy-template-service.ts'
import { templateSettingsAndAliases } from '../cluster/metadata/metadata-create-index-service.ts'

export const NOOP_PIPELINE_NAME = '_none'

/** IngestService.Pipelines: both ids are set, `_none` meaning none. */
export interface Pipelines {
  readonly defaultPipeline: string
  readonly finalPipeline: string
}

export const NO_PIPELINES_DEFINED: Pipelines = {
  defaultPipeline: NOOP_PIPELINE_NAME,
  finalPipeline: NOOP_PIPELINE_NAME,
}

/** IngestService.hasPipeline: a default (or request) or final pipeline to run. */
export function hasPipeline({ defaultPipeline, finalPipeline }: Pipelines): boolean {
  return defaultPipeline !== NOOP_PIPELINE_NAME || finalPipeline !== NOOP_PIPELINE_NAME
}

const DEFAULT_PIPELINE = 'index.default_pipeline'
const FINAL_PIPELINE = 'index.final_pipeline'

/**
 * The pipelines of a write to `name` (an index, alias or data stream; null for an upsert IndexRequest), the
 * templates matched against `templateName` when the metadata has none.
 */
export function resolvePipelines(
  state: ClusterState,
  name: string | null,
  templateName: string | null = name,
): Pipelines {
  const settings = name === null ? null : writeIndexSettings(state, name)
  if (settings !== null) {
    return {
      defaultPipeline: settings.defaultPipeline ?? NOOP_PIPELINE_NAME,
      finalPipeline: settings.finalPipeline ?? NOOP_PIPELINE_NAME,
    }
  }
  return templateName === null ? NO_PIPELINES_DEFINED : templatePipelines(state, templateName)
}

function writeIndexSettings(
  state: ClusterState,
  name: string,
): { defaultPipeline?: string; finalPipeline?: string } | null {
  const own = state.metadata.indices[name]
  if (own) return esIndexMetadata(own)
  const dataStream = dataStreamsOf(state)[name]
  const alias = dataStream ? undefined : aliasesLookup(indicesMetadata(state)).get(name)
  const writeIndex = dataStream
    ? writeIndexOfDataStream(dataStream).name
    : alias && (writeIndexOf(alias)?.index ?? null)
  const metadata = writeIndex ? state.metadata.indices[writeIndex] : undefined
  return metadata ? esIndexMetadata(metadata) : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function templatePipelines(state: ClusterState, name: string): Pipelines {
  const v2 = findV2Template(state, name)
  if (v2) {
    const { settings } = templateSettingsAndAliases(composedTemplates(state, v2.template), name)
    return {
      defaultPipeline: text(settings.get(DEFAULT_PIPELINE)) ?? NOOP_PIPELINE_NAME,
      finalPipeline: text(settings.get(FINAL_PIPELINE)) ?? NOOP_PIPELINE_NAME,
    }
  }
  let defaultPipeline: string | null = null
  let finalPipeline: string | null = null
  for (const { template } of findV1Templates(state, name)) {
    defaultPipeline ??= text(template.settings[DEFAULT_PIPELINE])
    finalPipeline ??= text(template.settings[FINAL_PIPELINE])
    if (defaultPipeline !== null && finalPipeline !== null) break
  }
  return {
    defaultPipeline: defaultPipeline ?? NOOP_PIPELINE_NAME,
    finalPipeline: finalPipeline ?? NOOP_PIPELINE_NAME,
  }
}

/**
 * Index APIs: create (PUT /<index> with optional settings and mappings), delete (DELETE /<index>, with
 * wildcards refused as action.destructive_requires_name does in ES 8), get and exists, _mapping and
 * _refresh, with ES 8's response bodies.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException, indexNotFoundException } from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping, Mapping } from '../../index/mapper/mapping.ts'
import { mappingToJson, setOwn } from '../../index/mapper/mapping.ts'
import { settingsToJson } from '../../index/index-metadata.ts'
import { indexAnalysisSettings } from '../../analysis/custom/index-analysis-settings.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'

export const DEFAULT_INDEX_SETTINGS = { numberOfShards: 1, numberOfReplicas: 1, refreshIntervalMs: 1000 }

export function registerIndexActions(controller: RestController, context: RestContext): void {
  controller
    .register('PUT', '/{index}', (req) => guarded(() => createIndex(context, req)))
    .register('DELETE', '/{index}', (req) => guarded(() => deleteIndex(context, req)))
    .register('GET', '/{index}', (req) => guarded(() => getIndex(context, req)))
    .register('GET', '/{index}/_mapping', (req) => guarded(() => getMapping(context, req)))
    .register('POST', '/{index}/_refresh', (req) => guarded(() => refresh(context, req.path.index!)))
    .register('GET', '/{index}/_refresh', (req) => guarded(() => refresh(context, req.path.index!)))
    .register('POST', '/_refresh', () => guarded(() => refresh(context, null)))
    .register('GET', '/_refresh', () => guarded(() => refresh(context, null)))
}

function settingValue(settings: XContentObject | undefined, name: string): XContentValue | undefined {
  if (!settings) return undefined
  const nested = settings.get('index')
  return (
    settings.get(name) ??
    settings.get(`index.${name}`) ??
    (nested instanceof Map ? nested.get(name) : undefined)
  )
}

function intSetting(
  settings: XContentObject | undefined,
  name: string,
  fallback: number,
  min: number,
): number {
  const value = settingValue(settings, name)
  if (value === undefined) return fallback
  const text = scalarText(value)
  const n = Number(text)
  if (!Number.isInteger(n)) {
    throw illegalArgumentException(`Failed to parse value [${text}] for setting [index.${name}]`)
  }
  if (n < min) {
    throw illegalArgumentException(
      `Failed to parse value [${n}] for setting [index.${name}] must be >= ${min}`,
    )
  }
  return n
}

/** A setting's value as ES reads it: scalars as their text, anything else as its JSON. */
function scalarText(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value === null || typeof value !== 'object') return String(value)
  return JSON.stringify(value instanceof Map ? Object.fromEntries(value) : value)
}

function parseMappings(value: XContentValue | undefined): Mapping {
  if (!(value instanceof Map)) return { properties: {} }
  const dynamic = value.get('dynamic')
  const properties = value.get('properties')
  return {
    ...(dynamic !== undefined ? { dynamic: scalarText(dynamic) as Mapping['dynamic'] } : {}),
    properties: properties instanceof Map ? parseProperties(properties) : {},
  }
}

function parseProperties(properties: XContentObject): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {}
  for (const [name, definition] of properties) {
    if (!(definition instanceof Map)) continue
    const field: Record<string, unknown> = {}
    for (const [key, value] of definition) {
      if (key === 'properties' || key === 'fields')
        setOwn(field, key, value instanceof Map ? parseProperties(value) : {})
      else setOwn(field, key, value instanceof XNumber ? value.value : value)
    }
    field.type ??= 'object'
    setOwn(out, name, field as unknown as FieldMapping)
  }
  return out
}

async function createIndex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const body = req.request.body ? parseRequestBody(req.request.body) : new Map<string, XContentValue>()
  const settings = body.get('settings')
  const settingsObject = settings instanceof Map ? settings : undefined
  const { index, op } = context.indices.create({
    name: req.path.index!,
    numberOfShards: intSetting(settingsObject, 'number_of_shards', DEFAULT_INDEX_SETTINGS.numberOfShards, 1),
    numberOfReplicas: intSetting(
      settingsObject,
      'number_of_replicas',
      DEFAULT_INDEX_SETTINGS.numberOfReplicas,
      0,
    ),
    refreshIntervalMs: DEFAULT_INDEX_SETTINGS.refreshIntervalMs,
    mapping: parseMappings(body.get('mappings')),
    ...(settingsObject ? { analysis: indexAnalysisSettings(settingsObject) } : {}),
  })
  await context.storage.write([op])
  return json(200, { acknowledged: true, shards_acknowledged: true, index: index.metadata.name })
}

async function deleteIndex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const names = req.path.index!.split(',')
  if (names.some((name) => name.includes('*') || name === '_all')) {
    throw illegalArgumentException('Wildcard expressions or all indices are not allowed')
  }
  const missing = names.find((name) => !context.indices.get(name))
  if (missing !== undefined) throw indexNotFoundException(missing)
  const ops = []
  for (const name of names) ops.push(...(await context.indices.delete(name)))
  await context.storage.write(ops)
  return json(200, { acknowledged: true })
}

function resolve(context: RestContext, name: string): IndexService {
  const index = context.indices.get(name)
  if (!index) throw indexNotFoundException(name)
  return index
}

function getIndex(context: RestContext, req: RestHandlerRequest): RestResponse {
  const index = resolve(context, req.path.index!)
  return json(200, {
    [index.metadata.name]: {
      aliases: {},
      mappings: mappingToJson(index.metadata.mapping),
      settings: settingsToJson(index.metadata),
    },
  })
}

function getMapping(context: RestContext, req: RestHandlerRequest): RestResponse {
  const index = resolve(context, req.path.index!)
  return json(200, { [index.metadata.name]: { mappings: mappingToJson(index.metadata.mapping) } })
}

function refresh(context: RestContext, name: string | null): RestResponse {
  const targets = name === null ? context.indices.all() : name.split(',').map((n) => resolve(context, n))
  let total = 0
  let successful = 0
  for (const index of targets) {
    index.refresh(context.clock.now())
    total += index.metadata.numberOfShards * (index.metadata.numberOfReplicas + 1)
    successful += index.metadata.numberOfShards * context.activeCopies(index.metadata.numberOfReplicas)
  }
  return json(200, { _shards: { total, successful, failed: 0 } })
}

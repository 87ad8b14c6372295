// Runs processors over one document through IngestService.execute (the write path), and prints the outcome: the
// source (keys sorted, for tests about values rather than HashMap order) or the failure as `type: reason`.
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import type { IngestResult } from '../../../../workers/es/ingest/ingest-service.ts'
import { startIngest, NOW } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'

export async function ingest(processors: unknown[], source: string, extra: Record<string, unknown> = {}) {
  const { send, service } = startIngest()
  for (const [id, body] of Object.entries(extra)) await send('PUT', `/_ingest/pipeline/${id}`, body)
  const put = await send('PUT', '/_ingest/pipeline/p', { processors })
  if (put.status !== 200) throw new Error(put.body)
  const parsed = parseJson(source) as XContentObject
  return service.execute(
    pipelinesOf(['p']),
    { index: 'idx', id: '1', routing: null, version: null, source: parsed },
    NOW,
    NO_INDEX_PIPELINES,
  )
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  )
}

/** The source with keys sorted at every level: for tests about values, not about HashMap order. */
export function sorted(result: IngestResult): string {
  return result.kind === 'indexed' ? JSON.stringify(sortKeys(JSON.parse(result.text) as Json)) : text(result)
}

export function text(result: IngestResult): string {
  if (result.kind === 'indexed') return result.text
  return result.kind === 'failed' ? `${result.error.type}: ${result.error.reason}` : 'dropped'
}

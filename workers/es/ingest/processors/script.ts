/**
 * The `script` processor with the Painless subset the `_update` API runs (action/painless-update-script.ts),
 * applied to the ingest ctx: `ctx.<field> = | += | -= <value>`, `ctx.<field>.add(<value>)`,
 * `ctx.remove('<field>')`, with `params`. The ingest ctx is the source with the metadata fields beside it,
 * so the script runs against that merged map with `ctx.` read as the update script's `ctx._source.`; the
 * metadata keys (`_index`, `_id`, `_routing`, `_version`) then go back to the metadata. Only inline
 * `painless` scripts (`source`, or the processor given as a string) are supported; a stored script `id`
 * is refused. The script is parsed whole when the pipeline is stored, never half-run.
 */
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { parseUpdateScript, runUpdateScript } from '../../action/painless-update-script.ts'
import { METADATA_FIELDS, type IngestDocument } from '../ingest-document.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

/** `ctx.` and `ctx[` outside string literals become `ctx._source.` and `ctx._source[`. */
export function ingestToUpdateSyntax(source: string): string {
  return source.replace(
    /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|\bctx(?=\s*[.[])/g,
    (match, quoted?: string) => (quoted !== undefined ? match : 'ctx._source'),
  )
}

export function createScript(config: ProcessorConfig): Processor {
  const lang = config.optionalString('lang') ?? 'painless'
  if (config.has('id')) throw config.error('id', 'stored scripts are not supported in this playground')
  const source = config.string('source')
  const params = config.optionalMap('params') ?? new Map<string, XContentValue>()
  if (lang !== 'painless') throw config.error('lang', `script lang [${lang}] not supported`)
  const script = parseUpdateScript(ingestToUpdateSyntax(source), params)
  return {
    type: 'script',
    execute(doc: IngestDocument) {
      const ctx: XContentObject = new Map([...doc.source, ...doc.metadata])
      runUpdateScript(script, ctx)
      doc.source.clear()
      for (const [key, value] of ctx) {
        if ((METADATA_FIELDS as readonly string[]).includes(key)) doc.metadata.set(key, value)
        else doc.source.set(key, value)
      }
      return doc
    },
  }
}

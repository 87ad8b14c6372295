/**
 * The `script` processor (ES's ScriptProcessor): a Painless script run with `params` and `ctx`, the source with
 * the metadata fields (`_index`, `_id`, `_routing`, `_version`) beside it; what the script leaves in `ctx`
 * becomes the document again, the metadata keys going back to the metadata. An inline script (`source`, or
 * the processor given as a string) is compiled once, when the pipeline is stored. A stored script (`id`) is
 * compiled from the cluster state when the pipeline is stored, to check it, and again from the state each run
 * sees (ES does not cache a stored script lest it change): a missing id is "unable to find script [x] in
 * cluster state", a stored search template "mustache engine does not know how to handle context [ingest]".
 */
import type { XContentValue } from '../../xcontent/index.ts'
import type { StoredScriptLookup } from '../../cluster/metadata/script-metadata.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { PainlessScript } from '../../script/painless-script.ts'
import { storedPainlessSource } from '../../script/stored-painless-script.ts'
import { fromXContent, toXContent, type Value } from '../../script/painless-values.ts'
import type { EnrichLookup } from '../enrich/enrich-lookup.ts'
import { METADATA_FIELDS, type IngestDocument } from '../ingest-document.ts'
import type { ExecutionContext, Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const VARIABLES = ['ctx', 'params']

export function createScript(config: ProcessorConfig, cluster: EnrichLookup): Processor {
  const id = config.has('source') ? null : config.optionalString('id')
  if (id !== null && config.has('lang'))
    throw illegalArgumentException('lang cannot be specified for stored scripts')
  const lang = config.optionalString('lang') ?? 'painless'
  const params = fromXContent(config.optionalMap('params') ?? new Map<string, XContentValue>())
  let script: (context: ExecutionContext) => PainlessScript
  if (id === null) {
    const source = config.string('source')
    if (lang !== 'painless') throw config.error('lang', `script lang [${lang}] not supported`)
    const inline = PainlessScript.compile(source, VARIABLES)
    script = () => inline
  } else {
    const stored = (scripts: StoredScriptLookup) =>
      PainlessScript.compile(storedPainlessSource(scripts, id, 'ingest'), VARIABLES)
    stored(cluster.storedScript)
    script = (context) => stored(context.enrich.storedScript)
  }
  return {
    type: 'script',
    execute(doc: IngestDocument, context) {
      const ctx = fromXContent(new Map([...doc.source, ...doc.metadata])) as Map<string, Value>
      script(context).run(
        new Map<string, Value>([
          ['ctx', ctx],
          ['params', params],
        ]),
      )
      doc.source.clear()
      for (const [key, value] of toXContent(ctx) as Map<string, XContentValue>) {
        if ((METADATA_FIELDS as readonly string[]).includes(key)) doc.metadata.set(key, value)
        else doc.source.set(key, value)
      }
      return doc
    },
  }
}

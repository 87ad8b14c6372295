/**
 * The processor types this ingest node knows, by name (IngestCommonPlugin.getProcessors, and the modules'
 * plugins: IngestUserAgentPlugin's `user_agent`). Each factory
 * reads its properties from a ProcessorConfig and returns the processor; what it leaves unread is
 * refused by the reader.
 */
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import type { EnrichLookup } from '../enrich/enrich-lookup.ts'
import { createEnrich } from './enrich.ts'
import { createConvert } from './convert.ts'
import { createCommunityId } from './community-id.ts'
import { createCsv } from './csv.ts'
import { createDate } from './date.ts'
import { createDateIndexName } from './date-index-name.ts'
import { createDissect } from './dissect.ts'
import { createDotExpander, createRemove, createRename } from './fields.ts'
import { createDrop, createFail, createPipeline, createTerminate } from './flow.ts'
import { createReroute } from './reroute.ts'
import { createFingerprint } from './fingerprint.ts'
import { createForEach } from './foreach.ts'
import { createGrok } from './grok.ts'
import { createJson } from './json.ts'
import { createKeyValue } from './key-value.ts'
import { createNetworkDirection } from './network-direction.ts'
import { createRegisteredDomain } from './registered-domain.ts'
import { createScript } from './script.ts'
import { createAppend, createSet } from './set.ts'
import { createSort } from './sort.ts'
import { createJoin, createSplit } from './split-join.ts'
import { createUriParts } from './uri-parts.ts'
import { createUserAgent } from './user-agent.ts'
import {
  createBytes,
  createGsub,
  createHtmlStrip,
  createLowercase,
  createTrim,
  createUppercase,
  createUrlDecode,
} from './string-processors.ts'

/** A factory reads its properties; `enrich` is the cluster's enrich indices (the enrich processor's). */
export type ProcessorFactory = (config: ProcessorConfig, enrich: EnrichLookup) => Processor

export const PROCESSOR_FACTORIES: ReadonlyMap<string, ProcessorFactory> = new Map([
  ['append', createAppend],
  ['bytes', createBytes],
  ['community_id', createCommunityId],
  ['convert', createConvert],
  ['csv', createCsv],
  ['date', createDate],
  ['date_index_name', createDateIndexName],
  ['dissect', createDissect],
  ['dot_expander', createDotExpander],
  ['drop', createDrop],
  ['enrich', createEnrich],
  ['fail', createFail],
  ['fingerprint', createFingerprint],
  ['foreach', createForEach],
  ['grok', createGrok],
  ['gsub', createGsub],
  ['html_strip', createHtmlStrip],
  ['join', createJoin],
  ['json', createJson],
  ['kv', createKeyValue],
  ['lowercase', createLowercase],
  ['network_direction', createNetworkDirection],
  ['pipeline', createPipeline],
  ['registered_domain', createRegisteredDomain],
  ['remove', createRemove],
  ['rename', createRename],
  ['reroute', createReroute],
  ['script', createScript],
  ['set', createSet],
  ['sort', createSort],
  ['split', createSplit],
  ['terminate', createTerminate],
  ['trim', createTrim],
  ['uppercase', createUppercase],
  ['uri_parts', createUriParts],
  ['urldecode', createUrlDecode],
  ['user_agent', createUserAgent],
])

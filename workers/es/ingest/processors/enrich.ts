/**
 * The `enrich` processor (EnrichProcessorFactory, AbstractEnrichProcessor and MatchProcessor, ES 8.17).
 *
 * Properties: `policy_name` (required; the policy must have an enrich index when the pipeline is made:
 * "no enrich index exists for policy with name [x]", wrapped as ConfigurationUtils rethrows it), `field` and
 * `target_field` (required templates), `ignore_missing` (false), `override` (true), `max_matches` (1, "should
 * be between 1 and 128"), and for a geo_match policy `shape_relation` and `orientation`.
 *
 * Running: the value at `field` (a missing field fails unless ignore_missing; null leaves the document as it
 * is) is looked up in the policy's current enrich index with a term query on its match field (a terms query
 * for a list: any value), as a keyword field matches: values compared as their text. The match field is read
 * when the processor runs (a compiled pipeline may outlive a policy deleted and made again). A geo_match policy's
 * documents are those whose shape stands in `shape_relation` to the value's geometry (enrich/geo-match.ts); a range
 * policy runs as MatchProcessor, its term query on the enrich index's range field matching the documents with a range
 * holding the value (enrich/range-match.ts). Up to
 * max_matches documents in index order; none leaves the document unchanged. With `override` false an
 * existing target field is kept; otherwise the target is set to the first match's source (max_matches 1) or
 * the list of them.
 */
import { type EsException, indexNotFoundException, illegalArgumentException } from '../../errors/index.ts'
import { convertToElastic } from '../ingest-exceptions.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { deepCopy } from '../java-values.ts'
import type { ExecutionContext, Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import type { EnrichIndex, EnrichLookup } from '../enrich/enrich-lookup.ts'
import { geoMatcher } from '../enrich/geo-match.ts'
import { rangeMatcher } from '../enrich/range-match.ts'
import { leafFields } from '../../index/mapper/mapping.ts'
import type { ShapeRelation } from '../../common/geo/shape-relations.ts'
import { enrichIndexBaseName } from '../../cluster/metadata/enrich-policy.ts'

export function createEnrich(config: ProcessorConfig, enrich: EnrichLookup): Processor {
  const policyName = config.string('policy_name')
  const found = enrich.enrichIndex(policyName)
  if (found === null) throw noEnrichIndex(policyName)
  const field = config.template('field')
  const ignoreMissing = config.boolean('ignore_missing', false)
  const override = config.boolean('override', true)
  const targetField = config.template('target_field')
  const maxMatches = config.optionalInt('max_matches') ?? 1
  if (maxMatches < 1 || maxMatches > 128) throw config.error('max_matches', 'should be between 1 and 128')
  let relation: ShapeRelation = 'intersects'
  let right = true
  if (found.policy.type === 'geo_match') {
    ;({ relation, right } = geoMatchOptions(config))
  }
  return {
    type: 'enrich',
    execute(doc: IngestDocument, context: ExecutionContext) {
      const value = doc.getFieldValue(field.render(doc), ignoreMissing)
      if (value === undefined || value === null) return doc
      const current = context.enrich.enrichIndex(policyName)
      if (current === null) throw indexNotFoundException(enrichIndexBaseName(policyName))
      const matches = matcher(current, value, relation, right)
      const hits = context.enrich.documents(current.index).filter(matches).slice(0, maxMatches)
      if (hits.length === 0) return doc
      const target = targetField.render(doc)
      if (override || !doc.hasField(target)) {
        doc.setFieldValue(target, maxMatches === 1 ? deepCopy(hits[0]!) : hits.map(deepCopy))
      }
      return doc
    },
  }
}

/** Whether an enrich document matches the document's value, by the policy's type (see the header). */
function matcher(
  found: EnrichIndex,
  value: XContentValue,
  relation: ShapeRelation,
  right: boolean,
): (source: XContentObject) => boolean {
  const matchField = found.policy.matchField
  if (found.policy.type === 'geo_match') return geoMatcher(value, relation, right, matchField)
  if (found.policy.type === 'range') {
    // the runner maps the match field with its source range type; a term query on an unmapped field matches nothing
    const rangeField = leafFields(found.mapping).get(matchField)
    return rangeField === undefined ? () => false : rangeMatcher(value, matchField, rangeField)
  }
  const terms = new Set((Array.isArray(value) ? value : [value]).flatMap(keywordText))
  return (source) => valuesAt(source, matchField).some((term) => terms.has(term))
}

/** A geo_match processor's `shape_relation` (ShapeRelation, any case) and `orientation` (Orientation.fromString). */
function geoMatchOptions(config: ProcessorConfig): { relation: ShapeRelation; right: boolean } {
  const relationName = (config.optionalString('shape_relation') ?? 'intersects').toLowerCase()
  const relation = SHAPE_RELATIONS.find((r) => r === relationName)
  if (relation === undefined)
    throw config.error(
      'shape_relation',
      `shape_relation [${relationName}] is not available in the playground`,
    )
  const orientation = (config.optionalString('orientation') ?? 'ccw').toLowerCase()
  if (['right', 'ccw', 'counterclockwise'].includes(orientation)) return { relation, right: true }
  if (['left', 'cw', 'clockwise'].includes(orientation)) return { relation, right: false }
  throw convertToElastic(
    'java.lang.IllegalArgumentException',
    illegalArgumentException(`Unknown orientation [${orientation}]`),
  )
}

const SHAPE_RELATIONS: readonly ShapeRelation[] = ['intersects', 'disjoint', 'within', 'contains']

/** The factory's IllegalArgumentException, as ConfigurationUtils.readProcessor rethrows it. */
function noEnrichIndex(policyName: string): EsException {
  return convertToElastic(
    'java.lang.IllegalArgumentException',
    illegalArgumentException(`no enrich index exists for policy with name [${policyName}]`),
  )
}

/** A value as a keyword field indexes it (and a term query looks it up): its text; objects index nothing. */
function keywordText(value: XContentValue): string[] {
  if (typeof value === 'string') return [value]
  if (value instanceof XNumber) return [value.text]
  if (typeof value === 'boolean') return [String(value)]
  return []
}

/** The keyword texts at a dotted path of a source, through objects and lists. */
function valuesAt(source: XContentObject, path: string): string[] {
  let nodes: XContentValue[] = [source]
  for (const part of path.split('.')) {
    nodes = nodes.flatMap((node) => (Array.isArray(node) ? node : [node]))
    nodes = nodes.flatMap((node) => (node instanceof Map && node.has(part) ? [node.get(part)!] : []))
  }
  return nodes.flatMap((node) => (Array.isArray(node) ? node : [node])).flatMap(keywordText)
}

/**
 * AggregatorFactories.Builder.validate and PipelineAggregationBuilder.ValidationContext: before a search
 * runs, each level's pipelines are put in dependency order (resolvePipelineOrder) and each validates itself
 * against its level; all errors together are one 400 action_request_validation_exception
 * "Validation Failed: 1: ...; 2: ...;".
 *
 * resolvePipelineOrder's errors (an IllegalArgumentException ES turns into a validation error):
 * "No aggregation found for path [p]" (the first element names nothing at the level), "No aggregation [x]
 * found for path [p]" (a later element names no sub-aggregation), "Cyclical dependency found with pipeline
 * aggregator [n]". The first element may name another pipeline of the level, which then runs first.
 */
import {
  EsException,
  actionRequestValidationException,
  illegalArgumentException,
} from '../../../errors/index.ts'
import type { AggregationBuilder } from '../aggregation-builder.ts'
import { parsePath, type PathElement } from './buckets-path.ts'
import type { PipelineAggregator } from './pipeline-aggregator.ts'

/** AggregationBuilder.bucketCardinality: MANY for multi-bucket types, ONE for single-bucket ones. */
const MULTI_BUCKET = new Set([
  'terms',
  'multi_terms',
  'rare_terms',
  'adjacency_matrix',
  'significant_terms',
  'histogram',
  'date_histogram',
  'auto_date_histogram',
  'range',
  'date_range',
  'filters',
  'geo_distance',
  'geohash_grid',
  'geotile_grid',
])
const SINGLE_BUCKET = new Set(['filter', 'missing', 'global', 'nested', 'reverse_nested', 'sampler'])

export function bucketCardinality(type: string): 'MANY' | 'ONE' | 'NONE' {
  return MULTI_BUCKET.has(type) ? 'MANY' : SINGLE_BUCKET.has(type) ? 'ONE' : 'NONE'
}

const BUILDER_PACKAGES: Readonly<Record<string, string>> = {
  filter: 'bucket.filter',
  missing: 'bucket.missing',
  global: 'bucket.global',
  nested: 'bucket.nested',
  reverse_nested: 'bucket.nested',
  composite: 'bucket.composite',
  rare_terms: 'bucket.terms',
  sampler: 'bucket.sampler',
}

/** The x-pack analytics builders' packages. */
const ANALYTICS_PACKAGES: Readonly<Record<string, string>> = {
  boxplot: 'boxplot',
  string_stats: 'stringstats',
  top_metrics: 'topmetrics',
}

/** The builder's Java class name, as ES prints getClass().getName(). */
function builderClassName(type: string): string {
  const analytics = ANALYTICS_PACKAGES[type]
  const simple = type.replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase())
  if (analytics !== undefined)
    return `org.elasticsearch.xpack.analytics.${analytics}.${simple}AggregationBuilder`
  return `org.elasticsearch.search.aggregations.${BUILDER_PACKAGES[type] ?? 'metrics'}.${simple}AggregationBuilder`
}

export class ValidationContext {
  private constructor(
    readonly errors: string[],
    /** The aggregation the pipeline is declared in; null at the top level. */
    readonly parent: AggregationBuilder | null,
    readonly siblings: readonly AggregationBuilder[],
  ) {}

  static forTreeRoot(errors: string[], siblings: readonly AggregationBuilder[]): ValidationContext {
    return new ValidationContext(errors, null, siblings)
  }

  static forInsideTree(errors: string[], parent: AggregationBuilder): ValidationContext {
    return new ValidationContext(errors, parent, parent.subs)
  }

  addValidationError(error: string): void {
    this.errors.push(error)
  }

  addBucketPathValidationError(error: string): void {
    this.errors.push(`buckets_path ${error}`)
  }

  validateHasParent(type: string, name: string): void {
    if (this.parent === null)
      this.addValidationError(`${type} aggregation [${name}] must be declared inside of another aggregation`)
  }

  /**
   * validateParentAggSequentiallyOrdered (cumulative_sum, serial_diff, moving_fn) and, with `withoutGaps`,
   * validateParentAggSequentiallyOrderedWithoutSkips (derivative), which also wants min_doc_count 0.
   */
  validateParentAggSequentiallyOrdered(type: string, name: string, withoutGaps: boolean): void {
    const parent = this.parent
    if (parent === null) {
      this.addValidationError(
        `${type} aggregation [${name}] must have a histogram, date_histogram or auto_date_histogram as parent but doesn't have a parent`,
      )
    } else if (parent.type === 'auto_date_histogram') {
      // AutoDateHistogramAggregationBuilder's validateSequentiallyOrdered(WithoutGaps): it never has gaps
    } else if (parent.type === 'histogram' || parent.type === 'date_histogram') {
      if (withoutGaps && (parent.minDocCount ?? 0) !== 0) {
        this.addValidationError(
          `parent histogram of ${type} aggregation [${name}] must have min_doc_count of 0`,
        )
      }
    } else {
      this.addValidationError(
        `${type} aggregation [${name}] must have a histogram, date_histogram or auto_date_histogram as parent`,
      )
    }
  }

  /** BucketMetricsPipelineAggregationBuilder.validate: the path must lead to a multi-bucket sibling. */
  validateSiblingPath(name: string, bucketsPaths: readonly string[]): void {
    if (bucketsPaths.length !== 1) {
      this.addBucketPathValidationError(`must contain a single entry for aggregation [${name}]`)
      return
    }
    const path = parsePath(bucketsPaths[0]!)
    let pos = 0
    let current = path[pos++]!
    let builder = this.siblings.find((b) => b.pipeline === undefined && b.name === current.name)
    if (builder === undefined) {
      this.addBucketPathValidationError(
        `aggregation does not exist for aggregation [${name}]: ${bucketsPaths[0]}`,
      )
      return
    }
    while (
      builder !== undefined &&
      pos < path.length &&
      ((bucketCardinality(builder.type) === 'MANY' && current.key !== null) ||
        (bucketCardinality(builder.type) === 'ONE' && builder.subs.length > 0))
    ) {
      current = path[pos++]!
      const subName = current.name
      builder = builder.subs.find((b) => b.pipeline === undefined && b.name === subName)
    }
    if (builder === undefined) {
      const walked = path.slice(0, pos).flatMap((e) => (e.key === null ? [e.name] : [e.name, e.key]))
      this.addBucketPathValidationError(
        `aggregation does not exist for aggregation [${name}]: [${walked.join(', ')}]`,
      )
      return
    }
    if (bucketCardinality(builder.type) !== 'MANY') {
      this.addValidationError(
        `Unable to find unqualified multi-bucket aggregation in buckets_path. Path must include a multi-bucket aggregation for aggregation [${name}] found :${builderClassName(builder.type)} for buckets path: ${bucketsPaths[0]}`,
      )
    }
  }
}

/** AggregatorFactories.Builder.resolvePipelineAggregatorOrder over one level's builders. */
export function resolvePipelineOrder(level: readonly AggregationBuilder[]): PipelineAggregator[] {
  const aggs = new Map(level.filter((b) => b.pipeline === undefined).map((b) => [b.name, b]))
  const pipelines = level.flatMap((b) => (b.pipeline === undefined ? [] : [b.pipeline]))
  const byName = new Map(pipelines.map((p) => [p.name, p]))
  const ordered: PipelineAggregator[] = []
  const unmarked = new Set(pipelines)
  const marked = new Set<PipelineAggregator>()
  const visit = (pipeline: PipelineAggregator): void => {
    if (marked.has(pipeline)) {
      throw illegalArgumentException(`Cyclical dependency found with pipeline aggregator [${pipeline.name}]`)
    }
    if (!unmarked.has(pipeline)) return
    marked.add(pipeline)
    for (const bucketsPath of pipeline.bucketsPaths) {
      if (bucketsPath === '_count' || bucketsPath === '_key') continue
      const elements = parsePath(bucketsPath)
      const first = aggs.get(elements[0]!.name)
      if (first !== undefined) checkSubPath(first, elements, bucketsPath)
      else {
        const dependency = byName.get(elements[0]!.name)
        if (dependency === undefined)
          throw illegalArgumentException(`No aggregation found for path [${bucketsPath}]`)
        visit(dependency)
      }
    }
    unmarked.delete(pipeline)
    marked.delete(pipeline)
    ordered.push(pipeline)
  }
  for (const pipeline of pipelines) visit(pipeline)
  return ordered
}

function checkSubPath(
  first: AggregationBuilder,
  elements: readonly PathElement[],
  bucketsPath: string,
): void {
  let builder = first
  for (let i = 1; i < elements.length; i++) {
    const name = elements[i]!.name
    const last = i === elements.length - 1
    if (last && (name.toLowerCase() === '_key' || name === '_count')) break
    const sub = builder.subs.find((b) => b.pipeline === undefined && b.name === name)
    if (sub !== undefined) builder = sub
    else if (!(last && builder.subs.some((b) => b.pipeline !== undefined && b.name === name))) {
      throw illegalArgumentException(`No aggregation [${name}] found for path [${bucketsPath}]`)
    }
  }
}

/** AggregatorFactories.Builder.validate over the whole tree; throws the validation exception. */
export function validateAggregations(builders: readonly AggregationBuilder[]): void {
  const errors: string[] = []
  validateLevel(ValidationContext.forTreeRoot(errors, builders), builders)
  if (errors.length > 0) throw actionRequestValidationException(errors)
}

function validateLevel(context: ValidationContext, level: readonly AggregationBuilder[]): void {
  let ordered: PipelineAggregator[] | null = null
  try {
    ordered = resolvePipelineOrder(level)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    context.addValidationError(error.reason)
  }
  for (const pipeline of ordered ?? []) pipeline.validate(context)
  for (const builder of level) {
    if (builder.pipeline === undefined && builder.subs.length > 0) {
      validateLevel(ValidationContext.forInsideTree(context.errors, builder), builder.subs)
    }
  }
}

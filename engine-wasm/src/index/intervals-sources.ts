/**
 * Lucene 9's Intervals factories (org.apache.lucene.queries.intervals) over the IntervalsSource tree of types.ts, with
 * the rewrites their build methods make: or() flattens nested disjunctions and drops duplicates; ordered() and
 * unordered() flatten nested ones of their kind; phrase(), maxgaps(), containing(), containedBy(), notContaining()
 * and notContainedBy() pull the disjunctions of their gap-sensitive side up to the top (Disjunctions.pullUp: a
 * disjunction's clauses of minExtent 1 stay together as one or()); before() and after() are containedBy() of the
 * reference's PRECEDING / FOLLOWING position extended to the start / end of the document. Also each source's
 * minExtent and toString, as IntervalQuery prints them ("ORDERED(quick,fox)", "or(a,b)", "MAXGAPS/2(...)").
 * RepeatingIntervalsSource (a source repeated inside ordered / unordered) is not built: see docs/DEVIATIONS.md.
 */
import { MAX_CLAUSE_COUNT } from './multi-term-candidates.ts'
import type { IntervalsSource } from './types.ts'

type Relation = Extract<IntervalsSource, { reference: IntervalsSource }>['type']

const MAX_INT = 2147483647

export function term(text: string): IntervalsSource {
  return { type: 'term', term: text }
}

function key(source: IntervalsSource): string {
  return JSON.stringify(source)
}

/** Intervals.or: nested disjunctions flattened, duplicates dropped (a HashSet), one source itself. */
export function or(sources: readonly IntervalsSource[]): IntervalsSource {
  const unique = new Map<string, IntervalsSource>()
  for (const source of sources) {
    for (const s of source.type === 'or' ? source.sources : [source]) unique.set(key(s), s)
  }
  const simplified = [...unique.values()]
  const [only] = simplified
  return only !== undefined && simplified.length === 1 ? only : { type: 'or', sources: simplified }
}

function flatten(type: 'ordered' | 'unordered' | 'block', sources: readonly IntervalsSource[]) {
  return sources.flatMap((s) => (s.type === type ? s.sources : [s]))
}

/** Intervals.ordered / Intervals.unordered: one source is itself; nested ones of the same kind flattened. */
export function conjunction(
  type: 'ordered' | 'unordered',
  sources: readonly IntervalsSource[],
): IntervalsSource {
  const [only] = sources
  if (only !== undefined && sources.length === 1) return only
  return { type, sources: flatten(type, sources) }
}

/** Intervals.phrase (BlockIntervalsSource.build): the disjunctions of the sub-sources pulled up. */
export function phrase(sources: readonly IntervalsSource[]): IntervalsSource {
  const [only] = sources
  if (only !== undefined && sources.length === 1) return only
  return or(pullUpAll(sources, (list) => ({ type: 'block', sources: flatten('block', list) })))
}

/** Intervals.maxgaps (FilteredIntervalsSource.maxGaps): one MAXGAPS per pulled-up disjunct of the source. */
export function maxGaps(gaps: number, source: IntervalsSource): IntervalsSource {
  return or(pullUpDisjunctions(source).map((s) => ({ type: 'maxGaps', gaps, source: s })))
}

function relation(type: Relation, source: IntervalsSource, reference: IntervalsSource): IntervalsSource {
  return { type, source, reference }
}

/** The filter factories of Intervals an ES interval filter names (IntervalFilter.filter). */
export function filtered(type: string, source: IntervalsSource, reference: IntervalsSource): IntervalsSource {
  switch (type) {
    case 'containing':
      return or(pullUpOne(source, (s) => relation('containing', s, reference)))
    case 'contained_by':
      return or(pullUpOne(reference, (r) => relation('containedBy', source, r)))
    case 'not_containing':
      return or(pullUpOne(source, (s) => relation('notContaining', s, reference)))
    case 'not_contained_by':
      return or(pullUpOne(reference, (r) => relation('notContainedBy', source, r)))
    case 'overlapping':
      return relation('overlapping', source, reference)
    case 'not_overlapping':
      return relation('nonOverlapping', source, reference)
    case 'before':
      return filtered('contained_by', source, extend(offset(reference, true), MAX_INT, 0))
    case 'after':
      return filtered('contained_by', source, extend(offset(reference, false), 0, MAX_INT))
    default:
      throw new Error(`Unknown filter type [${type}]`)
  }
}

export function extend(source: IntervalsSource, before: number, after: number): IntervalsSource {
  return { type: 'extend', source, before, after }
}

function offset(source: IntervalsSource, before: boolean): IntervalsSource {
  return { type: 'offset', source, before }
}

/** IntervalsSource.minExtent: the fewest positions an interval of the source covers. */
export function minExtent(source: IntervalsSource): number {
  switch (source.type) {
    case 'term':
    case 'multiTerm':
    case 'offset':
      return 1
    case 'or':
      return source.sources.reduce((min, s) => Math.min(min, minExtent(s)), MAX_INT)
    case 'ordered':
    case 'unordered':
    case 'block':
      return source.sources.reduce((sum, s) => sum + minExtent(s), 0)
    case 'extend': {
      const extent = (source.before + minExtent(source.source) + source.after) | 0
      return extent < 0 ? MAX_INT : extent
    }
    case 'maxGaps':
    case 'fixField':
    case 'containing':
    case 'containedBy':
    case 'notContaining':
    case 'notContainedBy':
    case 'overlapping':
    case 'nonOverlapping':
      return minExtent(source.source)
    case 'noIntervals':
      return 0
  }
}

/** IntervalsSource.pullUpDisjunctions: the sources a disjunction at the top of this one would hold. */
function pullUpDisjunctions(source: IntervalsSource): IntervalsSource[] {
  switch (source.type) {
    case 'or':
      return [...source.sources]
    case 'ordered':
    case 'unordered':
      return pullUpAll(source.sources, (list) => ({ type: source.type, sources: list }))
    case 'containing':
      return pullUpOne(source.source, (s) => relation('containing', s, source.reference))
    case 'containedBy':
      return pullUpOne(source.reference, (r) => relation('containedBy', source.source, r))
    case 'overlapping':
      return pullUpAll([source.source, source.reference], ([s, r]) => relation('overlapping', s!, r!))
    case 'extend': {
      const inner = pullUpDisjunctions(source.source)
      if (inner.length === 0) return [source]
      return inner.map((s) => extend(s, source.before, source.after))
    }
    case 'fixField': {
      const inner = pullUpDisjunctions(source.source)
      if (inner.length === 1) return [source]
      return inner.map((s) => ({ type: 'fixField', field: source.field, source: s }))
    }
    case 'noIntervals':
      return []
    default:
      return [source]
  }
}

/** Disjunctions.splitDisjunctions: the pulled-up disjuncts, those of minExtent 1 together as one or(). */
function splitDisjunctions(source: IntervalsSource): IntervalsSource[] {
  const disjuncts = pullUpDisjunctions(source)
  const singletons = disjuncts.filter((s) => minExtent(s) === 1)
  const split = singletons.length > 0 ? [or(singletons)] : []
  return [...split, ...disjuncts.filter((s) => minExtent(s) !== 1)]
}

/** Disjunctions.pullUp over a list: `build` of every combination of the sources' disjuncts. */
function pullUpAll(
  sources: readonly IntervalsSource[],
  build: (list: IntervalsSource[]) => IntervalsSource,
): IntervalsSource[] {
  let rewritten: IntervalsSource[][] = [[]]
  for (const source of sources) {
    const disjuncts = splitDisjunctions(source)
    if (disjuncts.length === 1) {
      rewritten.forEach((list) => list.push(disjuncts[0]!))
      continue
    }
    if (rewritten.length * disjuncts.length > MAX_CLAUSE_COUNT) {
      throw new Error('Too many disjunctions to expand')
    }
    rewritten = disjuncts.flatMap((d) => rewritten.map((list) => [...list, d]))
  }
  return rewritten.map(build)
}

/** Disjunctions.pullUp over one source. */
function pullUpOne(
  source: IntervalsSource,
  build: (s: IntervalsSource) => IntervalsSource,
): IntervalsSource[] {
  return splitDisjunctions(source).map(build)
}

const RELATION_NAMES: Record<Relation, string> = {
  containing: 'CONTAINING',
  containedBy: 'CONTAINED_BY',
  notContaining: 'NOT_CONTAINING',
  notContainedBy: 'NOT_CONTAINED_BY',
  overlapping: 'OVERLAPPING',
  nonOverlapping: 'NON_OVERLAPPING',
}

/** IntervalsSource.toString. */
export function describeIntervals(source: IntervalsSource): string {
  const list = (sources: readonly IntervalsSource[]) => sources.map(describeIntervals).join(',')
  switch (source.type) {
    case 'term':
      return source.term
    case 'multiTerm':
      return `MultiTerm(${source.pattern})`
    case 'or':
      return `or(${source.sources.map(describeIntervals).sort().join(',')})`
    case 'ordered':
    case 'unordered':
    case 'block':
      return `${source.type.toUpperCase()}(${list(source.sources)})`
    case 'maxGaps':
      return `MAXGAPS/${source.gaps}(${describeIntervals(source.source)})`
    case 'extend':
      return `EXTEND(${describeIntervals(source.source)},${source.before},${source.after})`
    case 'offset':
      return `${source.before ? 'PRECEDING' : 'FOLLOWING'}(${describeIntervals(source.source)})`
    case 'fixField':
      return `FIELD(${source.field},${describeIntervals(source.source)})`
    case 'noIntervals':
      return 'no_match'
    default:
      return `${RELATION_NAMES[source.type]}(${describeIntervals(source.source)},${describeIntervals(source.reference)})`
  }
}

/**
 * IngestDocument (ES 8): the document a pipeline works on, addressed by dotted field paths.
 *
 * A path is split on `.`; a leading `_ingest.` addresses the ingest metadata (`timestamp`, `pipeline`,
 * the on_failure fields), a leading `_source.` the source, anything else the ctx map: the source fields
 * plus the metadata fields `_index`, `_id`, `_routing`, `_version`. A list element is addressed by its
 * index (`tags.0`). The error texts are IngestDocument's: `field [x] not present as part of path [a.x]`,
 * `[x] is not an integer, cannot be used as an index as part of path [p]`, `[5] is out of bounds for array
 * with length [2] as part of path [p]`, `cannot resolve [x] from object of type [T] as part of path [p]`,
 * `cannot set [x] with parent object of type [T] as part of path [p]`, `path [.] is not valid`.
 *
 * Invariants: setting through a missing intermediate creates a map (ES creates a HashMap); maps are
 * changed in place, so a value read out and set elsewhere must be deep-copied by the caller when ES does.
 */
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { illegalArgumentException } from './ingest-exceptions.ts'
import { javaClassName } from './java-values.ts'
import { javaEquals } from '../action/source-map.ts'

export const METADATA_FIELDS = ['_index', '_id', '_routing', '_version'] as const

interface Container {
  get(key: string): XContentValue | undefined
  has(key: string): boolean
  set(key: string, value: XContentValue): void
  delete(key: string): boolean
}

/** The ctx map: metadata keys go to the metadata, every other key to the source. */
class CtxView implements Container {
  constructor(
    private readonly source: XContentObject,
    private readonly metadata: XContentObject,
  ) {}

  private target(key: string): XContentObject {
    return (METADATA_FIELDS as readonly string[]).includes(key) ? this.metadata : this.source
  }

  get(key: string): XContentValue | undefined {
    return this.target(key).get(key)
  }

  has(key: string): boolean {
    return this.target(key).has(key)
  }

  set(key: string, value: XContentValue): void {
    this.target(key).set(key, value)
  }

  delete(key: string): boolean {
    return this.target(key).delete(key)
  }
}

type Node = Container | XContentValue

function isContainer(node: Node): node is Container | XContentObject {
  return node instanceof Map || node instanceof CtxView
}

function listIndex(element: string, path: string, length: number): number {
  if (!/^[+-]?\d+$/.test(element) || Math.abs(Number(element)) > 2147483647) {
    throw illegalArgumentException(
      `[${element}] is not an integer, cannot be used as an index as part of path [${path}]`,
    )
  }
  const index = Number(element)
  if (index < 0 || index >= length) {
    throw illegalArgumentException(
      `[${index}] is out of bounds for array with length [${length}] as part of path [${path}]`,
    )
  }
  return index
}

function typeName(node: Node): string {
  return node instanceof CtxView
    ? 'org.elasticsearch.ingest.IngestCtxMap'
    : javaClassName(node as XContentValue)
}

export class IngestDocument {
  readonly ctx: Container
  /** Pipelines running now, for cycle detection (IngestDocument.executedPipelines). */
  readonly executedPipelines = new Set<string>()
  /** The pipeline stack, innermost first. */
  readonly pipelineStack: string[] = []
  /** Set by the terminate processor: the running pipeline's remaining processors are skipped. */
  terminated = false
  /**
   * Set by the reroute processor (IngestDocument.reroute): the remaining processors of every running pipeline
   * are skipped, and the new index's default pipeline runs next. The top-level loop clears it before each pipeline.
   */
  rerouted = false
  /**
   * IngestDocument.indexHistory: the `_index` values the document had after each top-level pipeline, from the
   * request's own, in order and each once (a LinkedHashSet); a value seen again is an index cycle.
   */
  readonly indexHistory: Array<string | null> = []

  constructor(
    readonly source: XContentObject,
    readonly metadata: XContentObject,
    readonly ingest: XContentObject,
  ) {
    this.ctx = new CtxView(source, metadata)
  }

  /** IngestDocument.reroute: the document now targets `destination`. */
  reroute(destination: string): void {
    this.metadata.set('_index', destination)
    this.rerouted = true
  }

  private split(path: string): { root: Container; elements: string[] } {
    if (path.length === 0) throw illegalArgumentException('path cannot be null nor empty')
    let root: Container = this.ctx
    let rest = path
    if (path.startsWith('_ingest.')) {
      root = this.ingest
      rest = path.slice('_ingest.'.length)
    } else if (path.startsWith('_source.')) {
      root = this.source
      rest = path.slice('_source.'.length)
    }
    const elements = rest.split('.')
    // Java's String.split drops trailing empty strings.
    while (elements.length > 0 && elements[elements.length - 1] === '') elements.pop()
    if (elements.length === 0) throw illegalArgumentException(`path [${path}] is not valid`)
    return { root, elements }
  }

  hasField(path: string, failOutOfRange = false): boolean {
    if (path.length === 0) return false
    const { root, elements } = this.split(path)
    let node: Node = root
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i]!
      if (isContainer(node)) {
        if (i === elements.length - 1) return node.has(element)
        node = node.get(element) ?? null
      } else if (Array.isArray(node)) {
        if (!/^[+-]?\d+$/.test(element)) return false
        const index = Number(element)
        if (index < 0 || index >= node.length) {
          if (failOutOfRange) listIndex(element, path, node.length)
          return false
        }
        if (i === elements.length - 1) return true
        node = node[index]!
      } else return false
    }
    return false
  }

  /** The value at `path`; undefined when it is missing and `ignoreMissing` is set. */
  getFieldValue(path: string, ignoreMissing = false): XContentValue | undefined {
    const { root, elements } = this.split(path)
    let node: Node = root
    for (const element of elements) {
      try {
        node = resolve(element, path, node)
      } catch (error) {
        if (ignoreMissing && !this.hasField(path)) return undefined
        throw error
      }
    }
    return node as XContentValue
  }

  /**
   * getFieldValue(path, String.class, ignoreMissing): the string at `path`, null when the value is null or
   * (with `ignoreMissing`) missing; any other type fails with IngestDocument.cast's error.
   */
  getStringFieldValue(path: string, ignoreMissing = false): string | null {
    const value = this.getFieldValue(path, ignoreMissing) ?? null
    if (value === null || typeof value === 'string') return value
    return castError(path, value, 'java.lang.String')
  }

  setFieldValue(path: string, value: XContentValue): void {
    this.assign(
      path,
      (parent, key) => parent.set(key, value),
      (list, index) => (list[index] = value),
    )
  }

  /** appendFieldValue: the field becomes a list (if it is not one) and gains the values. */
  appendFieldValue(path: string, value: XContentValue, allowDuplicates: boolean): void {
    this.assign(
      path,
      (parent, key) => {
        const current = parent.get(key)
        parent.set(key, appendValues(current === undefined ? [] : current, value, allowDuplicates))
      },
      (list, index) => (list[index] = appendValues(list[index]!, value, allowDuplicates)),
    )
  }

  removeField(path: string): void {
    const { root, elements } = this.split(path)
    let node: Node = root
    for (const element of elements.slice(0, -1)) node = resolve(element, path, node)
    const leaf = elements[elements.length - 1]!
    if (isContainer(node)) {
      if (!node.has(leaf))
        throw illegalArgumentException(`field [${leaf}] not present as part of path [${path}]`)
      node.delete(leaf)
    } else if (Array.isArray(node)) {
      node.splice(listIndex(leaf, path, node.length), 1)
    } else if (node === null) {
      throw illegalArgumentException(`cannot remove [${leaf}] from null as part of path [${path}]`)
    } else {
      throw illegalArgumentException(
        `cannot remove [${leaf}] from object of type [${typeName(node)}] as part of path [${path}]`,
      )
    }
  }

  private assign(
    path: string,
    inMap: (parent: Container, key: string) => void,
    inList: (list: XContentValue[], index: number) => void,
  ): void {
    const { root, elements } = this.split(path)
    let node: Node = root
    for (const element of elements.slice(0, -1)) {
      if (node === null) {
        throw illegalArgumentException(`cannot set [${element}] with null parent as part of path [${path}]`)
      }
      if (isContainer(node)) {
        let next: XContentValue | undefined = node.get(element)
        if (next === undefined) {
          next = new Map()
          node.set(element, next)
        }
        node = next
      } else node = resolve(element, path, node)
    }
    const leaf = elements[elements.length - 1]!
    if (node === null) {
      throw illegalArgumentException(`cannot set [${leaf}] with null parent as part of path [${path}]`)
    }
    if (isContainer(node)) inMap(node, leaf)
    else if (Array.isArray(node)) inList(node, listIndex(leaf, path, node.length))
    else {
      throw illegalArgumentException(
        `cannot set [${leaf}] with parent object of type [${typeName(node)}] as part of path [${path}]`,
      )
    }
  }
}

/** IngestDocument.resolve: one step down a path, or its error. */
function resolve(element: string, path: string, node: Node): Node {
  if (node === null) {
    throw illegalArgumentException(`cannot resolve [${element}] from null as part of path [${path}]`)
  }
  if (isContainer(node)) {
    if (!node.has(element)) {
      throw illegalArgumentException(`field [${element}] not present as part of path [${path}]`)
    }
    return node.get(element)!
  }
  if (Array.isArray(node)) return node[listIndex(element, path, node.length)]!
  throw illegalArgumentException(
    `cannot resolve [${element}] from object of type [${typeName(node)}] as part of path [${path}]`,
  )
}

/** IngestDocument.appendValues: a scalar becomes a one-element list; a list value is appended element-wise. */
function appendValues(
  existing: XContentValue,
  value: XContentValue,
  allowDuplicates: boolean,
): XContentValue {
  const list = Array.isArray(existing) ? existing : [existing]
  const values = Array.isArray(value) ? value : [value]
  let added = false
  for (const v of values) {
    if (allowDuplicates || !list.some((item) => javaEquals(item, v))) {
      list.push(v)
      added = true
    }
  }
  return !Array.isArray(existing) && !added ? existing : list
}

/** IngestDocument.cast: `field [x] of type [T] cannot be cast to [U]`. */
export function castError(path: string, value: XContentValue, target: string): never {
  throw illegalArgumentException(
    `field [${path}] of type [${javaClassName(value)}] cannot be cast to [${target}]`,
  )
}

/**
 * Joiner (ES 8's parent-join module): an index's join field and its relations, as the join field's mapper, the
 * `has_child`, `has_parent` and `parent_id` queries read them. Each relation is a parent name with its child names;
 * a child has one parent ("[c] cannot have multiple parents"), a name may be a child of one relation and the parent
 * of another (question → answer → vote). A document of a parent relation indexes its own `_id` into the parent-id
 * field `<join field>#<parent>`; a document of a child relation indexes its parent's id into
 * `<join field>#<its parent>`. The relation name itself is the join field's one term and doc value.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { FieldMapping } from './mapping.ts'

/** A join field's `relations` as its mapping keeps them: each parent with its child, or its children. */
export type JoinRelations = Record<string, string | string[]>

export class Joiner {
  private readonly parentsToChildren = new Map<string, readonly string[]>()
  private readonly childrenToParents = new Map<string, string>()

  constructor(
    /** The join field's name (always at the root: the mapper refuses it inside an object). */
    readonly joinField: string,
    relations: JoinRelations,
  ) {
    for (const [parent, value] of Object.entries(relations)) {
      const children = typeof value === 'string' ? [value] : value
      for (const child of children) {
        this.parentsToChildren.set(parent, children)
        if (this.childrenToParents.has(child))
          throw illegalArgumentException(`[${child}] cannot have multiple parents`)
        this.childrenToParents.set(child, parent)
      }
    }
  }

  childTypeExists(type: string): boolean {
    return this.childrenToParents.has(type)
  }

  parentTypeExists(type: string): boolean {
    return this.parentsToChildren.has(type)
  }

  knownRelation(type: string): boolean {
    return this.childTypeExists(type) || this.parentTypeExists(type)
  }

  /** The parent relation of a child relation. */
  parentOf(childType: string): string | undefined {
    return this.childrenToParents.get(childType)
  }

  /** The child relations of a parent relation. */
  childrenOf(parentType: string): readonly string[] {
    return this.parentsToChildren.get(parentType) ?? []
  }

  /** The parent-id field a document of child relation `childType` holds its parent's id in. */
  parentJoinField(childType: string): string {
    return `${this.joinField}#${this.childrenToParents.get(childType)}`
  }

  /** The parent-id field a document of parent relation `parentType` holds its own id in. */
  childJoinField(parentType: string): string {
    return `${this.joinField}#${parentType}`
  }

  /** Every parent-id field, in relation order. */
  parentIdFields(): string[] {
    return [...this.parentsToChildren.keys()].map((parent) => this.childJoinField(parent))
  }

  /**
   * canMerge: the relations of a mapping update keep every parent and child, give no child another parent, make
   * no existing child a parent (unless it already is one) and no existing root a child; the conflicts found.
   */
  mergeConflicts(update: Joiner): string[] {
    const conflicts: string[] = []
    for (const parent of this.parentsToChildren.keys())
      if (!update.parentsToChildren.has(parent)) conflicts.push(`Cannot remove parent [${parent}]`)
    for (const child of this.childrenToParents.keys())
      if (!update.childrenToParents.has(child)) conflicts.push(`Cannot remove child [${child}]`)
    for (const parent of update.parentsToChildren.keys())
      if (this.childrenToParents.has(parent) && !this.parentsToChildren.has(parent))
        conflicts.push(`Cannot create parent [${parent}] from an existing child`)
    for (const [child, parent] of update.childrenToParents) {
      if (this.childrenToParents.has(child) && this.childrenToParents.get(child) !== parent)
        conflicts.push(`Cannot change parent of [${child}]`)
      if (this.parentsToChildren.has(child) && this.childrenToParents.get(child) !== parent)
        conflicts.push(`Cannot create child [${child}] from an existing root`)
    }
    return conflicts
  }
}

/** The index's Joiner (Joiner.getJoiner) from its fields by full path, or null when it has no join field. */
export function joinerOfFields(fields: ReadonlyMap<string, FieldMapping>): Joiner | null {
  for (const [name, field] of fields)
    if (field.type === 'join') return new Joiner(name, field.relations ?? {})
  return null
}

/**
 * The `_source` metadata field's mapping (SourceFieldMapper, 8.17): `enabled` (true by default) and the
 * `includes` / `excludes` path patterns that filter what is stored (action/stored-source.ts applies them).
 * Lists are read as XContentMapValues.nodeStringArrayValue reads them (a list, or one comma-separated value);
 * `mode` (synthetic source) is refused as not available, any other parameter as FieldMapper.Builder refuses it. GET _mapping prints only what differs from the
 * defaults, and no `_source` at all when nothing does. A PUT _mapping that names `_source` must keep its
 * values (an index without one has the defaults): `enabled` may be left unset while it is true but never changed,
 * and `includes` / `excludes` cannot be updated (`Mapper for [_source] conflicts with existing mapper:` and each
 * `Cannot update parameter [...]`). Index templates composed into one mapping replace it instead.
 */
import {
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
} from '../../errors/index.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import type { SourceFieldMapping } from './mapping.ts'
import { booleanParam, javaToString } from './mapping-parser.ts'

export function parseSourceField(value: XContentValue): SourceFieldMapping {
  const out: SourceFieldMapping = {}
  if (!(value instanceof Map)) return out
  for (const [key, entry] of value) {
    if (key === 'enabled') out.enabled = booleanParam(entry)
    else if (key === 'includes' || key === 'excludes') out[key] = stringArray(entry)
    else if (key === 'mode') {
      const reason = 'synthetic _source ([_source.mode]) is not available in the playground'
      throw failedToParseMappingFrom(illegalArgumentException(reason))
    } else throw failedToParseMapping(`unknown parameter [${key}] on mapper [_source] of type [_source]`)
  }
  return out
}

function stringArray(value: XContentValue): string[] {
  if (Array.isArray(value)) return value.map(javaToString)
  return javaToString(value)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

/** FieldMapper.merge of `_source`, when the update names it; `undefined` when neither mapping sets it. */
export function mergeSourceField(
  current: SourceFieldMapping | undefined,
  update: SourceFieldMapping | undefined,
  indexTemplate: boolean,
): SourceFieldMapping | undefined {
  if (update === undefined) return current
  if (indexTemplate) return update
  const existing = current ?? {}
  const conflicts: string[] = []
  const before = existing.enabled ?? true
  // SourceFieldMapper's merge validator: the same value, or an enabled source the update leaves unset.
  if (!(before === (update.enabled ?? true) || (before && update.enabled === undefined)))
    conflicts.push(`Cannot update parameter [enabled] from [${before}] to [${update.enabled ?? true}]`)
  for (const key of ['includes', 'excludes'] as const) {
    const from = `[${(existing[key] ?? []).join(', ')}]`
    const to = `[${(update[key] ?? []).join(', ')}]`
    if (from !== to) conflicts.push(`Cannot update parameter [${key}] from [${from}] to [${to}]`)
  }
  if (conflicts.length > 0) {
    throw illegalArgumentException(
      `Mapper for [_source] conflicts with existing mapper:\n\t${conflicts.join('\n\t')}`,
    )
  }
  return current ?? update
}

/** The non-default parameters, as SourceFieldMapper.toXContent prints them; null when all are defaults. */
export function sourceFieldToJson(source: SourceFieldMapping): { [key: string]: JsonOut } | null {
  const out: { [key: string]: JsonOut } = {}
  if (source.enabled === false) out.enabled = false
  if ((source.includes ?? []).length > 0) out.includes = source.includes!
  if ((source.excludes ?? []).length > 0) out.excludes = source.excludes!
  return Object.keys(out).length > 0 ? out : null
}

/** Whether documents of this mapping keep no `_source`. */
export function sourceDisabled(source: SourceFieldMapping | undefined): boolean {
  return source?.enabled === false
}

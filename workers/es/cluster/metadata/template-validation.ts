/**
 * MetadataIndexTemplateService.addIndexTemplateV2 and addComponentTemplate (ES 8.17): a template put into the state
 * by the rules of metadata-index-template-service.ts, then checked as the temporary index service ES creates for it
 * checks a mapping (MapperService.merge, then DocumentMapper.validate's MappingLookup.checkLimits, mapping-limits.ts):
 * - a component template's own mapping, under its own settings' index.mapping.* limits (validateTemplate: a
 *   MAPPING_UPDATE merge), whose error is thrown as it is;
 * - an index template's composed mapping (its component templates' mappings in `composed_of` order, then its own,
 *   a data stream's with `@timestamp`), under the composed settings' limits (validateCompositeTemplate), whose error
 *   is wrapped as "invalid composite mappings for [t]" inside "composable template [t] template after composition
 *   with component templates [a, b] is invalid" (the component part only when it names some);
 * - once a component template is put, each index template made of it is checked so, in the HashMap order of their
 *   names; the first failure is wrapped as "updating component template [c] results in invalid composable template
 *   [t] after templates are merged" (ES adds the others to it as suppressed exceptions, not printed here).
 * Every failure is an illegal_argument_exception, its own root cause.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import { checkMappingLimits, mappingLimits } from '../../index/mapper/mapping-limits.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { ComponentTemplate, ComposableIndexTemplate, SettingValue, Template } from './index-templates.ts'
import { v2Mapping } from './metadata-create-index-service.ts'
import { dataStreamMapping } from './metadata-data-stream-service.ts'
import {
  composedTemplates,
  indexTemplates,
  javaList,
  putComponentTemplate,
  putIndexTemplate,
} from './metadata-index-template-service.ts'

/** resolveSettings: the composed templates' flat `index.` settings, later ones winning. */
export function composedSettings(layers: readonly Template[]): Record<string, SettingValue> {
  return layers.reduce<Record<string, SettingValue>>(
    (merged, layer) => ({ ...merged, ...layer.settings }),
    {},
  )
}

/** collectMappings merged as a new index merges them: the layers' mappings, a data stream's `@timestamp` added. */
export function composedMapping(layers: readonly Template[], dataStream: boolean): Mapping {
  const mapping = v2Mapping(layers, undefined)
  return dataStream ? dataStreamMapping(mapping) : mapping
}

export function addIndexTemplateV2(
  state: ClusterState,
  name: string,
  template: ComposableIndexTemplate,
  create: boolean,
): ClusterState {
  const added = putIndexTemplate(state, name, template, create)
  validateCompositeTemplate(added, name, template)
  return added
}

export function addComponentTemplate(
  state: ClusterState,
  name: string,
  template: ComponentTemplate,
  create: boolean,
): ClusterState {
  const added = putComponentTemplate(state, name, template, create)
  const { mappings, settings } = template.template
  if (mappings !== undefined) checkMappingLimits(parseMapping(parseJson(mappings)), mappingLimits(settings))
  const users = indexTemplates(added)
  for (const user of javaStringKeyOrder(Object.keys(users))) {
    if (!users[user]!.composedOf.includes(name)) continue
    try {
      validateCompositeTemplate(added, user, users[user]!)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw illegalArgumentException(
        `updating component template [${name}] results in invalid composable template [${user}] after templates are merged`,
        error,
      )
    }
  }
  return added
}

/** validateIndexTemplateV2's last step, on a state that holds the template under `name`. */
function validateCompositeTemplate(
  state: ClusterState,
  name: string,
  template: ComposableIndexTemplate,
): void {
  const layers = composedTemplates(state, template)
  try {
    checkMappingLimits(
      composedMapping(layers, template.dataStream !== undefined),
      mappingLimits(composedSettings(layers)),
    )
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const components =
      template.composedOf.length > 0 ? `with component templates ${javaList(template.composedOf)} ` : ''
    throw illegalArgumentException(
      `composable template [${name}] template after composition ${components}is invalid`,
      illegalArgumentException(`invalid composite mappings for [${name}]`, error),
    )
  }
}

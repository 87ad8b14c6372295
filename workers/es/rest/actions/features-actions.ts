/**
 * The features APIs (ES 8.17, rest-api-spec features.get_features and features.reset_features):
 * - `GET /_features` (TransportSnapshottableFeaturesAction, GetSnapshottableFeaturesResponse):
 *   `{"features": [{"name", "description"}]}`, one per feature that owns system indices (indices/system-indices.ts);
 *   ES lists them in the order of an unordered map, the playground by name;
 * - `POST /_features/_reset` (TransportResetFeatureStateAction, each feature's SystemIndexPlugin.cleanUpFeature):
 *   the system indices of every feature are deleted, open or closed, hidden or not, in one cluster state update;
 *   `{"features": [{"feature_name", "status": "SUCCESS"}]}` sorted by feature name (ResetFeatureStateResponse).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { isFeatureIndex, SYSTEM_INDEX_FEATURES } from '../../indices/system-indices.ts'
import type { RestController } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'

export function registerFeaturesActions(controller: RestController, context: RestContext): void {
  controller
    .register('GET', '/_features', () => guarded(() => getFeatures()), 'features.get_features')
    .register(
      'POST',
      '/_features/_reset',
      () => guarded(() => resetFeatures(context)),
      'features.reset_features',
    )
}

function getFeatures(): RestResponse {
  const features = SYSTEM_INDEX_FEATURES.map(({ name, description }) => ({ name, description }))
  return json(200, { features })
}

async function resetFeatures(context: RestContext): Promise<RestResponse> {
  const { cluster } = context.client
  const names = Object.keys(cluster.state().metadata.indices).filter((index) =>
    SYSTEM_INDEX_FEATURES.some((feature) => isFeatureIndex(feature, index)),
  )
  if (names.length > 0) await cluster.execute({ type: 'delete_index', names })
  const features = SYSTEM_INDEX_FEATURES.map(({ name }) => ({ feature_name: name, status: 'SUCCESS' }))
  return json(200, { features })
}

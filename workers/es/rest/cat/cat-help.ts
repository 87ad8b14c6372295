/**
 * `GET _cat` (RestCatAction): the cat cat `=^.^=` and one line per route of each `_cat` table, in the order
 * ES 8.17's default distribution registers the tables (ActionModule's, then the x-pack machine learning and
 * transform plugins'), each table's line as its AbstractCatAction.documentation writes it. The listing is ES's,
 * routes the playground does not serve included: it is the text a learner's notes show.
 * RestCatComponentTemplateAction.documentation writes its route with no line break, so ES prints it joined to
 * the next table's first route (`/_cat/component_templates/_cat/ml/anomaly_detectors`); kept as ES prints it.
 */
const CAT = '=^.^='

/** Each table's documentation text, in registration order. */
const DOCUMENTATION: readonly string[] = [
  '/_cat/allocation\n',
  '/_cat/shards\n/_cat/shards/{index}\n',
  '/_cat/master\n',
  '/_cat/nodes\n',
  '/_cat/tasks\n',
  '/_cat/indices\n/_cat/indices/{index}\n',
  '/_cat/segments\n/_cat/segments/{index}\n',
  '/_cat/count\n/_cat/count/{index}\n',
  '/_cat/recovery\n/_cat/recovery/{index}\n',
  '/_cat/health\n',
  '/_cat/pending_tasks\n',
  '/_cat/aliases\n/_cat/aliases/{alias}\n',
  '/_cat/thread_pool\n/_cat/thread_pool/{thread_pools}\n',
  '/_cat/plugins\n',
  '/_cat/fielddata\n/_cat/fielddata/{fields}\n',
  '/_cat/nodeattrs\n',
  '/_cat/repositories\n',
  '/_cat/snapshots/{repository}\n',
  '/_cat/templates\n',
  '/_cat/component_templates',
  '/_cat/ml/anomaly_detectors\n/_cat/ml/anomaly_detectors/{job_id}\n',
  '/_cat/ml/datafeeds\n/_cat/ml/datafeeds/{datafeed_id}\n',
  '/_cat/ml/trained_models\n/_cat/ml/trained_models/{model_id}\n',
  '/_cat/ml/data_frame/analytics\n/_cat/ml/data_frame/analytics/{id}\n',
  '/_cat/transforms\n/_cat/transforms/{transform_id}\n',
]

export const CAT_HELP = `${CAT}\n${DOCUMENTATION.join('')}`

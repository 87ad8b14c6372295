/**
 * GET /_tasks/<task_id> (RestGetTaskAction): a task started with `wait_for_completion=false` (by-query APIs,
 * `_reindex`), read back from `.tasks` (tasks/task-results-service.ts): `{"completed":true,"task":{...},
 * "response":{...}}`. An id not of the form `<node id>:<number>` is "malformed task id <id>" (400); an id with no
 * stored result is resource_not_found_exception "task [<id>] isn't running and hasn't stored its results" (404).
 */
import type { RestController } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { getTaskResult } from '../../tasks/task-results-service.ts'

export function registerTasksActions(controller: RestController, context: RestContext): void {
  controller.register('GET', '/_tasks/{task_id}', (req) =>
    guarded(async () => json(200, await getTaskResult(context, req.path.task_id!))),
  )
}

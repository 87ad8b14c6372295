/**
 * The SQL REST endpoints (RestSqlQueryAction, RestSqlTranslateAction, RestSqlClearCursorAction):
 * `GET|POST /_sql` runs a statement, or with `cursor` the next page of an earlier one, and answers in the
 * `format` asked (sql/sql-response.ts); `GET|POST /_sql/translate` answers the search request a SELECT sends;
 * `POST /_sql/close` forgets a cursor (`{"succeeded":true}`, false when it is not open). The statement's
 * rows are cut into pages of `fetch_size`; the rest stays in the node's cursor registry.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { SqlCursors } from '../../sql/sql-cursors.ts'
import { parseSqlRequest } from '../../sql/sql-request.ts'
import { pageWidths, responseFormat, sqlResponse } from '../../sql/sql-response.ts'
import { executeSql, translateSql } from '../../sql/sql-session.ts'
import { sqlIllegalArgumentException } from '../../sql/sql-exceptions.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded, json } from '../responses.ts'

export function registerSqlActions(controller: RestController, context: RestContext): void {
  const cursors = new SqlCursors(() => context.newUuid())
  const query = (req: RestHandlerRequest) => guarded(() => runQuery(context, cursors, req))
  const translate = (req: RestHandlerRequest) => guarded(() => runTranslate(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_sql', query, 'sql.query')
      .register(method, '/_sql/translate', translate, 'sql.translate')
  }
  controller.register(
    'POST',
    '/_sql/close',
    (req) =>
      guarded(() => {
        const { body } = readBody(req)
        const cursor = body.get('cursor')
        if (typeof cursor !== 'string') throw actionRequestValidationException(['[cursor] is required'])
        return json(200, { succeeded: cursors.close(cursor) })
      }),
    'sql.clear_cursor',
  )
}

/** RestRequest.contentOrSourceParamParser: a missing or blank body is a parse_exception. */
function readBody(req: RestHandlerRequest): { text: string; body: XContentObject } {
  const text = requiredContent(req.request.body)
  return { text, body: parseRequestBody(text) }
}

async function runQuery(
  context: RestContext,
  cursors: SqlCursors,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const { text, body } = readBody(req)
  const request = parseSqlRequest(text, body, 'sql/query')
  const format = responseFormat(req.params, request.columnar)
  if (request.query === null) {
    const state = cursors.get(request.cursor!)
    if (state === undefined) throw sqlIllegalArgumentException(`Unknown cursor [${request.cursor!}]`)
    const rows = state.rest.slice(0, state.fetchSize)
    state.rest = state.rest.slice(state.fetchSize)
    const more = state.rest.length > 0
    if (!more) cursors.close(request.cursor!)
    const page = {
      columns: null,
      types: state.columns,
      rows,
      widths: state.widths,
      cursor: more ? request.cursor! : null,
    }
    return sqlResponse(page, format, req.params, request.columnar)
  }
  const result = await executeSql(context, request, request.query)
  const rows = result.rows.slice(0, request.fetchSize)
  const rest = result.rows.slice(request.fetchSize)
  const widths = pageWidths(result.columns, rows)
  const cursor =
    rest.length > 0
      ? cursors.add({ columns: result.columns, widths, fetchSize: request.fetchSize, rest })
      : null
  return sqlResponse(
    { columns: result.columns, types: result.columns, rows, widths, cursor },
    format,
    req.params,
    request.columnar,
  )
}

function runTranslate(context: RestContext, req: RestHandlerRequest): RestResponse {
  const { text, body } = readBody(req)
  const request = parseSqlRequest(text, body, 'sql/translate')
  return json(200, translateSql(context, request, request.query ?? ''))
}

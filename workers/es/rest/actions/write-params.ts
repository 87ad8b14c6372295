/**
 * What the document actions read from a request besides their own keys: the parameters every write
 * takes (`routing`, `refresh` and the compare-and-set pair `if_seq_no` / `if_primary_term`, read by
 * RestRequest.paramAsLong, then the request setters' range checks) and an optional JSON body (none or
 * blank reads as `{}`, as an absent content parser leaves the request empty).
 */
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { refreshPolicy, type RefreshPolicy } from '../../action/doc-write.ts'
import type { CasParams } from '../../action/write-validation.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { parseRequestBody } from '../request-body.ts'

export interface WriteParams extends CasParams {
  routing: string | null
  refresh: RefreshPolicy
}

function longParam(params: Map<string, string>, key: string, negative: string): number | null {
  const text = params.get(key)
  if (text === undefined) return null
  if (!/^[+-]?\d+$/.test(text)) {
    throw illegalArgumentException(
      `Failed to parse long parameter [${key}] with value [${text}]`,
      numberFormatException(text),
    )
  }
  const value = Number(text)
  if (value < 0) throw illegalArgumentException(`${negative} got [${value}].`)
  return value
}

export function writeParams(params: Map<string, string>): WriteParams {
  return {
    routing: params.get('routing') ?? null,
    refresh: refreshPolicy(params.get('refresh')),
    ifSeqNo: longParam(params, 'if_seq_no', 'sequence numbers must be non negative.'),
    ifPrimaryTerm: longParam(params, 'if_primary_term', 'primary term must be non negative.'),
  }
}

export function optionalBody(text: string | null): XContentObject {
  return text === null || text.trim() === '' ? new Map<string, XContentValue>() : parseRequestBody(text)
}

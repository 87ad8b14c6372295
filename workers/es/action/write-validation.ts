/**
 * The checks a write request passes before it runs (ActionRequest.validate): the compare-and-set pair
 * `if_seq_no` + `if_primary_term` must come together (DocWriteRequest.validateSeqNoBasedCASParams),
 * and a create refuses it. Errors are collected into one action_request_validation_exception.
 */
import { actionRequestValidationException } from '../errors/index.ts'

export interface CasParams {
  ifSeqNo: number | null
  ifPrimaryTerm: number | null
}

/** DocWriteRequest.validateSeqNoBasedCASParams; a create refuses compare-and-set altogether. */
export function casValidationErrors(request: CasParams, create: boolean): string[] {
  const { ifSeqNo, ifPrimaryTerm } = request
  if (create) {
    return ifSeqNo !== null || ifPrimaryTerm !== null
      ? ['create operations do not support compare and set. use index instead']
      : []
  }
  if (ifPrimaryTerm === null && ifSeqNo !== null) return ['ifSeqNo is set, but primary term is [0]']
  if (ifPrimaryTerm !== null && ifSeqNo === null)
    return [`ifSeqNo is unassigned, but primary term is [${ifPrimaryTerm}]`]
  return []
}

export function validateCas(request: CasParams, create: boolean): void {
  const errors = casValidationErrors(request, create)
  if (errors.length > 0) throw actionRequestValidationException(errors)
}

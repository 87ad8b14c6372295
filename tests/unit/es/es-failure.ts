// The EsException a call throws, as its type and reason or as the error body ES sends (for tests of ES's error
// texts); any other outcome fails.
import { EsException, errorResponseBody } from '../../../workers/es/errors/index.ts'

export function failure(run: () => unknown): { type: string; reason: string } {
  try {
    run()
  } catch (error) {
    if (error instanceof EsException) return { type: error.type, reason: error.reason }
    throw error
  }
  throw new Error('expected a failure')
}

export function failureBody(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof EsException) return errorResponseBody(error)
    throw error
  }
  throw new Error('expected a failure')
}

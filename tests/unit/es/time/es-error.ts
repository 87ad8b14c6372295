// Test helper: run a function that must throw an EsException and return it, to compare type, reason and causes.
import { EsException } from '../../../../workers/es/errors/es-exception.ts'

export function thrown(fn: () => unknown): EsException {
  try {
    fn()
  } catch (e) {
    if (e instanceof EsException) return e
    throw e
  }
  throw new Error('expected an EsException')
}

/** [type, reason] pairs from the exception down its cause chain. */
export function chain(e: EsException): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (let c: EsException | undefined = e; c !== undefined; c = c.causedBy) out.push([c.type, c.reason])
  return out
}

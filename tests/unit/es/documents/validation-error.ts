/**
 * An action_request_validation_exception body as ES writes it (ValidationException.getMessage): its errors
 * numbered from 1, each followed by `;`.
 */
export function validation(...errors: string[]): object {
  return {
    type: 'action_request_validation_exception',
    reason: `Validation Failed: ${errors.map((e, i) => `${i + 1}: ${e};`).join('')}`,
  }
}

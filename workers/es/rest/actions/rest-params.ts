/**
 * RestRequest.paramAsBoolean(name, false) for flags such as `v`, `help`, `flat_settings`: a bare flag
 * (`?v`) and `true` are true; absent and anything else are false.
 */
export function paramAsBoolean(value: string | undefined): boolean {
  return value === '' || value === 'true'
}

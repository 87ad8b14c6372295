/**
 * Whether a request's Content-Type names one of the XContent media types ES 8 reads a body in
 * (XContentType's MediaTypeRegistry): application/json, application/x-ndjson and application/* (JSON),
 * application/smile, application/cbor and application/yaml, and each as application/vnd.elasticsearch+<type>.
 * ParsedMediaType reads the header: `type/subtype` then `;key=value` parameters, case-insensitive, blanks
 * trimmed; a registered parameter must match its pattern (compatible-with: digits), others are let through
 * (elastic/elasticsearch#63080). The playground reads every accepted body as JSON.
 */
const TYPES = new Set(['json', 'x-ndjson', 'smile', 'cbor', 'yaml'])
const VENDOR = 'vnd.elasticsearch+'

export function isXContentMediaType(header: string): boolean {
  const [mediaType = '', ...parameters] = header.split(';')
  const match = /^\s*application\/([^/\s]+)\s*$/i.exec(mediaType)
  if (match === null) return false
  const subtype = match[1]!.toLowerCase()
  if (subtype === '*' || TYPES.has(subtype)) return true
  if (!subtype.startsWith(VENDOR) || !TYPES.has(subtype.slice(VENDOR.length))) return false
  return parameters.every((parameter) => {
    const [key = '', value = ''] = parameter.split('=').map((part) => part.trim().toLowerCase())
    return key !== 'compatible-with' || /^\d+$/.test(value)
  })
}

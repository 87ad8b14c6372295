/**
 * `_reindex`'s `source.remote` (ES 8.17): read as ReindexRequest.buildRemoteInfo reads it, then refused as
 * ReindexValidator.checkRemoteWhitelist refuses every host of a node without `reindex.remote.whitelist` (the
 * setting is empty by default, and the playground's nodes have none, so no remote host is ever allowed).
 *
 * - buildRemoteInfo (inside the `source` field's parser, so its failures are wrapped as ObjectParser wraps them:
 *   x_content_parse_exception "[reindex] failed to parse field [source]" at the end of `source`, caused by the
 *   illegal_argument_exception): `username` and `password` must be strings ("Expected [x] to be a string but was
 *   [v]"); `host` must be `scheme://host:port[/pathPrefix]` ("[host] must be of the form
 *   [scheme]://[host]:[port](/[pathPrefix])? but was [h]"); `headers`, `socket_timeout` and `connect_timeout` are
 *   taken (their values not checked here); any other key is "Unsupported fields in [remote]: [a,b]", in the
 *   Java HashMap order of the keys (XContentParser.map()).
 * - checkRemoteWhitelist, once the request has passed its validation: illegal_argument_exception
 *   "[host:port] not whitelisted in reindex.remote.whitelist".
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { valueEndLocation, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'

/** The remote cluster's address, as RemoteInfo keeps it. */
export interface RemoteInfo {
  host: string
  port: number
}

const TAKEN = ['username', 'password', 'host', 'headers', 'socket_timeout', 'connect_timeout']

/** java.net.URI's reading of a server-based URI with a port (the only form buildRemoteInfo accepts). */
const HOST_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+):(\d+)(?:\/[^?#]*)?$/

function extractString(remote: XContentObject, name: string): string | null {
  const value = remote.get(name)
  if (value === undefined || value === null || typeof value === 'string') return value ?? null
  throw illegalArgumentException(`Expected [${name}] to be a string but was [${scalarText(value) ?? ''}]`)
}

function readRemote(remote: XContentObject): RemoteInfo {
  extractString(remote, 'username')
  extractString(remote, 'password')
  const host = extractString(remote, 'host')
  if (host === null)
    throw illegalArgumentException('[host] must be specified to reindex from a remote cluster')
  const match = HOST_FORM.exec(host)
  if (match === null) {
    throw illegalArgumentException(
      `[host] must be of the form [scheme]://[host]:[port](/[pathPrefix])? but was [${host}]`,
    )
  }
  const unsupported = [...remote.keys()].filter((key) => !TAKEN.includes(key))
  if (unsupported.length > 0) {
    throw illegalArgumentException(
      `Unsupported fields in [remote]: [${javaStringKeyOrder(unsupported).join(',')}]`,
    )
  }
  return { host: match[1]!, port: Number(match[2]) }
}

/** buildRemoteInfo over `source.remote` (null when there is none), failing as the `source` field's parser fails. */
export function remoteInfo(body: XContentObject, source: XContentObject): RemoteInfo | null {
  const remote: XContentValue | undefined = source.get('remote')
  if (remote === undefined || remote === null) return null
  try {
    // ES casts it to a Map (a ClassCastException otherwise), which is not rendered here.
    if (!(remote instanceof Map))
      throw illegalArgumentException('[remote] is not supported by this playground')
    return readRemote(remote)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const [line, col] = valueEndLocation(body, 'source')
    throw xContentParseException(line, col, '[reindex] failed to parse field [source]', error)
  }
}

/** ReindexValidator.checkRemoteWhitelist with an empty whitelist. */
export function refuseRemote({ host, port }: RemoteInfo): never {
  throw illegalArgumentException(`[${host}:${port}] not whitelisted in reindex.remote.whitelist`)
}

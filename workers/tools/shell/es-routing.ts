/**
 * Which Elasticsearch node a request reaches, as in a docker-compose cluster with Kibana in front.
 *
 * Dev Tools: Kibana's console proxy tries the hosts of `elasticsearch.hosts` in order and moves on to the
 * next one only when a host cannot be reached (any HTTP answer, an error status too, ends the search); the
 * playground's Kibana lists every node, localhost:9200 (es-node-1) first. So the first node whose process
 * runs and is not paused answers. With only paused nodes left the request waits on the first of them, as in
 * a SIGSTOPped JVM's socket (Kibana would give up on it after its 60 s proxy timeout and try the next).
 * When no node runs, the proxy answers 502 Bad Gateway with the error of the last host it tried.
 *
 * curl: the node at the URL's port, or null when nothing listens there (its process is down).
 */
import { ES_BASE_PORT, type EsDirectory, type EsNodeApi, type RestResponse } from '../../protocol/es.ts'

export function devToolsNode(directory: EsDirectory): EsNodeApi | null {
  const running = directory.ids().filter((id) => directory.isRunning(id))
  const first = running.find((id) => !directory.isPaused(id)) ?? running[0]
  return first === undefined ? null : directory.node(first)
}

export function nodeAtPort(directory: EsDirectory, port: number): EsNodeApi | null {
  const id = port - ES_BASE_PORT + 1
  return directory.ids().includes(id) ? directory.node(id) : null
}

/** Kibana's console proxy when no host of elasticsearch.hosts could be reached (Node's ECONNREFUSED text). */
export function kibanaBadGateway(directory: EsDirectory): RestResponse {
  const last = Math.max(...directory.ids())
  return {
    status: 502,
    contentType: 'application/json',
    body: JSON.stringify({
      statusCode: 502,
      error: 'Bad Gateway',
      message: `connect ECONNREFUSED 127.0.0.1:${ES_BASE_PORT + last - 1}`,
    }),
  }
}

/**
 * config/elasticsearch.yml as the Elasticsearch nodes of the playground read it when they start: the file of the
 * official Docker image (distribution/docker/src/docker/config/elasticsearch.yml) unless the learner wrote their
 * own (`cat > config/elasticsearch.yml`, `echo ... >>`). One file serves every node, as a docker-compose file
 * mounting the same config into es01..es03 does; a node reads it at each start (start-node), never while running.
 *
 * Of its settings the nodes act on path.repo (the directories fs snapshot repositories may use) and the node
 * attributes `node.attr.<name>: <value>` (DiscoveryNode attributes, for `_cat/nodeattrs`, `_nodes` and the
 * allocation filters), read as ES's YAML settings loader reads them: dotted keys or the nested form (`path:` /
 * `  repo: ...`, `node:` / `  attr:` / `    rack: r1`), quoted or plain scalars; `#` starts a comment. path.repo
 * also takes a flow list `["/a", "/b"]`, a block list of `- /dir` lines and a comma-separated string
 * (Setting.listSetting); an attribute's value is kept whole.
 */
export const ELASTICSEARCH_YML_PATH = 'config/elasticsearch.yml'

export const INSTALLED_ELASTICSEARCH_YML = 'cluster.name: "docker-cluster"\nnetwork.host: 0.0.0.0\n'

interface Line {
  indent: number
  text: string
}

function lines(yaml: string): Line[] {
  return yaml
    .split('\n')
    .map((raw) => raw.replace(/(^|\s)#.*$/, '').trimEnd())
    .filter((raw) => raw.trim() !== '' && raw.trim() !== '---')
    .map((raw) => ({ indent: raw.length - raw.trimStart().length, text: raw.trim() }))
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value)
  return quoted ? quoted[1]! : value
}

function listValue(value: string): string[] {
  const flow = /^\[(.*)\]$/.exec(value)
  const items = flow ? flow[1]!.split(',') : unquote(value).split(',')
  return items.map((item) => unquote(item.trim())).filter((item) => item !== '')
}

/** The keys of the YAML mapping as dotted paths to their raw scalar (or block list items') texts. */
function flatten(yaml: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const stack: Array<{ indent: number; key: string }> = []
  let listKey: string | null = null
  for (const { indent, text } of lines(yaml)) {
    if (text.startsWith('- ') && listKey !== null) {
      out.get(listKey)!.push(text.slice(2).trim())
      continue
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop()
    const colon = text.indexOf(':')
    if (colon < 0) continue
    const key = [...stack.map((entry) => entry.key), text.slice(0, colon).trim()].join('.')
    const value = text.slice(colon + 1).trim()
    if (value === '') {
      stack.push({ indent, key: text.slice(0, colon).trim() })
      out.set(key, [])
      listKey = key
    } else {
      out.set(key, [value])
      listKey = null
    }
  }
  return out
}

/** path.repo of an elasticsearch.yml text: empty when it sets none. */
export function pathRepoOf(yaml: string | null): string[] {
  return (flatten(yaml ?? INSTALLED_ELASTICSEARCH_YML).get('path.repo') ?? []).flatMap(listValue)
}

const NODE_ATTR_PREFIX = 'node.attr.'

/**
 * The node attributes of an elasticsearch.yml text (Node.NODE_ATTRIBUTES, the `node.attr.` group), in file order; a
 * key set to a nested mapping or a list is not an attribute value.
 */
export function nodeAttributesOf(yaml: string | null): Record<string, string> {
  const entries: Array<[string, string]> = []
  for (const [key, values] of flatten(yaml ?? INSTALLED_ELASTICSEARCH_YML)) {
    if (key.startsWith(NODE_ATTR_PREFIX) && key.length > NODE_ATTR_PREFIX.length && values.length === 1)
      entries.push([key.slice(NODE_ATTR_PREFIX.length), unquote(values[0]!)])
  }
  return Object.fromEntries(entries)
}

// ESLint rule: the import directions of DESIGN.md §4. Every relative import is resolved against the
// importing file and both ends are mapped to a layer; an import is allowed only if the importer's layer
// lists the imported layer. Bare package imports are checked against the layer's package list.
import { dirname, relative, resolve } from 'node:path'

/** Layers, most specific first: [name, folder prefix relative to the repo root]. */
const LAYERS = [
  ['engine-wasm-assembly', 'engine-wasm/assembly/'],
  ['engine-wasm-build', 'engine-wasm/build/'],
  ['engine-wasm', 'engine-wasm/src/'],
  ['protocol', 'workers/protocol/'],
  ['net', 'workers/net/'],
  ['kafka', 'workers/kafka/'],
  ['uap-regexes-node', 'workers/es/ingest/user-agent/uap-regexes-node.ts'],
  ['es', 'workers/es/'],
  ['storage', 'workers/storage/'],
  ['clients', 'workers/clients/'],
  ['node-cli', 'workers/tools/scenario/cli.ts'],
  ['tools', 'workers/tools/'],
  ['worker-entry', 'workers/'],
  ['web', 'web/'],
  ['examples', 'examples/'],
  ['types', 'types/'],
]

const CORE = ['protocol', 'types']
/** Which layers each layer may import, and which npm packages. */
const ALLOWED = {
  'engine-wasm': {
    layers: ['engine-wasm', 'engine-wasm-build', 'types'],
    packages: ['fflate', 'fzstd', 'lz4js', 'snappyjs'],
  },
  protocol: { layers: ['protocol', 'types'], packages: [] },
  net: { layers: ['net', ...CORE], packages: [] },
  storage: { layers: ['storage', ...CORE], packages: ['idb'] },
  kafka: { layers: ['kafka', 'net', 'storage', 'engine-wasm', ...CORE], packages: [] },
  es: {
    layers: ['es', 'net', 'storage', 'engine-wasm', ...CORE],
    packages: ['@noble/hashes', 'tldts', 'uap-core', 'yaml', '#uap-regexes'],
  },
  // `#uap-regexes` for Node hosts (package.json "imports"): reads uap-core's file from node_modules
  'uap-regexes-node': { layers: [], packages: ['node:fs', 'node:module'] },
  clients: { layers: ['clients', 'net', 'engine-wasm', ...CORE], packages: [] },
  tools: {
    layers: ['tools', 'clients', 'net', 'es', 'kafka', 'storage', 'engine-wasm', ...CORE],
    packages: [],
  },
  'node-cli': {
    layers: ['tools', 'engine-wasm', 'engine-wasm-build', ...CORE],
    packages: ['node:fs', 'node:util'],
  },
  'worker-entry': {
    layers: ['worker-entry', 'kafka', 'es', 'net', 'storage', 'engine-wasm', 'engine-wasm-build', ...CORE],
    packages: ['comlink'],
  },
  web: {
    layers: [
      'web',
      'tools',
      'clients',
      'net',
      'storage',
      'worker-entry',
      'engine-wasm',
      'engine-wasm-build',
      ...CORE,
    ],
    packages: ['comlink', 'idb', 'monaco-editor', 'svelte'],
  },
}

function layerOf(root, file) {
  const rel = relative(root, file).split('\\').join('/')
  const found = LAYERS.find(([, prefix]) => rel.startsWith(prefix))
  return found ? found[0] : null
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point the way DESIGN.md §4 allows' },
    schema: [],
    messages: {
      layer: "'{{from}}' may not import from '{{to}}' (DESIGN.md §4: {{from}} may import {{allowed}}).",
      pkg: "'{{from}}' may not import the package '{{pkg}}' (allowed: {{allowed}}).",
    },
  },
  create(context) {
    const root = context.cwd
    const from = layerOf(root, context.filename)
    const rules = from && ALLOWED[from]
    if (!rules) return {}
    function check(node, source) {
      if (typeof source !== 'string') return
      if (source.startsWith('.')) {
        const target = resolve(dirname(context.filename), source.split('?')[0])
        const to = layerOf(root, target)
        if (to && !rules.layers.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, allowed: rules.layers.join(', ') } })
        }
        return
      }
      const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0]
      if (!rules.packages.includes(pkg)) {
        context.report({
          node,
          messageId: 'pkg',
          data: { from, pkg, allowed: rules.packages.join(', ') || 'none' },
        })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}

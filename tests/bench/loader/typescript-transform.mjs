// A Node module hook (module.register's `load`) that strips the types of the project's own `.ts` and `.mts` modules
// with esbuild's transform, as Vite strips them for the site: nothing but the types is removed or added.
// Why not tsx, which the scenario CLI runs on: tsx's esbuild options fix `keepNames: true`, which wraps every
// function expression and class in a `__name(fn, "name")` call (an Object.defineProperty each time one is made). The
// site's build has no such calls, and in the query path, where closures are made per request, they cost a fifth of
// a single-term search; the benchmarks must time the code the browser runs.
// Options: the target and module semantics of tsconfig.base.json (target ES2022: class fields with define semantics;
// verbatimModuleSyntax: imports kept as written), read once. Modules under node_modules and plain JavaScript pass
// through untouched.
import { readFile } from 'node:fs/promises'
import { transform } from 'esbuild'

const TYPESCRIPT = /\.m?ts$/
const { compilerOptions } = JSON.parse(
  await readFile(new URL('../../../tsconfig.base.json', import.meta.url), 'utf8'),
)
const tsconfigRaw = {
  compilerOptions: {
    target: compilerOptions.target,
    verbatimModuleSyntax: compilerOptions.verbatimModuleSyntax,
  },
}

export async function load(url, context, nextLoad) {
  const path = new URL(url).pathname
  if (!url.startsWith('file:') || !TYPESCRIPT.test(path) || path.includes('/node_modules/'))
    return nextLoad(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: compilerOptions.target.toLowerCase(),
    tsconfigRaw,
    sourcefile: path,
  })
  return { format: 'module', source: code, shortCircuit: true }
}

// Compiles the AssemblyScript modules into engine-wasm/build/<name>.wasm.
// Each module is rebuilt only when one of its sources (or this script) is newer than its .wasm,
// so `npm run scenario` can call this before every run at no cost. `--quiet` prints nothing on success.
import asc from 'assemblyscript/asc'
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))
const quiet = process.argv.includes('--quiet')
// One row per module: its folder under assembly/ and the asc options it needs.
const modules = [
  { name: 'log', options: ['--runtime', 'incremental'] },
  // minimal: no shadow stack or write barriers in the query loops; collected at safe points (index/safe-points.ts)
  { name: 'index', options: ['--runtime', 'minimal'] },
]

function newestSource(dir) {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

mkdirSync(join(root, 'build'), { recursive: true })
for (const { name, options } of modules) {
  const entry = join(root, 'assembly', name, 'index.ts')
  const out = join(root, 'build', `${name}.wasm`)
  if (existsSync(out) && statSync(out).mtimeMs >= newestSource(join(root, 'assembly', name))) continue
  const { error, stderr } = await asc.main(
    [
      entry,
      '--outFile',
      out,
      '--optimizeLevel',
      '3',
      '--shrinkLevel',
      '0',
      '--noAssert',
      '--exportRuntime',
      ...options,
    ],
    { stdout: process.stdout, stderr: process.stderr },
  )
  if (error) {
    process.stderr.write(stderr.toString())
    process.exit(1)
  }
  if (!quiet) console.log(`engine-wasm: built ${name}.wasm (${statSync(out).size} bytes)`)
}

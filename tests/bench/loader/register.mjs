// `node --import ./tests/bench/loader/register.mjs FILE.ts`: runs the benchmarks' TypeScript through
// typescript-transform.mjs (see there why not tsx). Registered before the entry module loads, so every module of
// the run, workers' included, comes through it.
import { register } from 'node:module'

register('./typescript-transform.mjs', import.meta.url)

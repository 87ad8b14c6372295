/**
 * Elasticsearch index benchmarks in Node on the shared corpus (corpus.mjs: 100,000 documents, its term,
 * two-term OR and phrase query sets): indexing throughput, retained memory and top-10 query latency
 * (median) of one shard (es/bench-shard.ts: the real `_bulk` primary path and the real shard search
 * with exact BM25) against MiniSearch and FlexSearch measured in the same run on the same documents.
 * Each engine is built, measured and dropped before the next is built; the engines take turns for `runs`
 * rounds and each build figure is the median of its rounds (repeat.ts).
 */
import { corpusFingerprint, generateCorpus, generateQueries, type CorpusQueries } from './corpus.mjs'
import { BenchShard, bulkSourceLines, loadIndexEngine } from './es/bench-shard.ts'
import { matchBody, matchPhraseBody } from './es/bench-mapping.ts'
import { measureBuild, medianLatency, type LatencyTiming, type RetainedBytes } from './es/measure.ts'
import { buildFlexSearch, buildMiniSearch, type PeerIndex } from './es/peers.ts'
import { medianRun, type RunSpread } from './repeat.ts'
import type { BenchResult } from './result.ts'

/** corpusFingerprint of the default corpus (shared bench README): the documents every run compares on. */
const CORPUS_FINGERPRINT = '7412eeab'
const PHRASE_GOAL_MS = 0.25

/** What one build of an engine measured: its throughput and the bytes its index retains. */
interface BuildFigures {
  docsPerSecond: number
  bytes: RetainedBytes
}

/** An engine's figures: each build figure the median of its runs, the query latencies from its last build. */
interface EngineFigures {
  docsPerSecond: number
  memoryMiB: number
  wasmMiB: number
  latencies: Latencies
  runs: { docsPerSecond: RunSpread; memoryMiB: RunSpread }
}

interface Latencies {
  termMs: number
  or2Ms: number
  phraseMs?: number
}

/** One engine under test: build it once (timed), time its queries, drop it. */
interface Engine<I> {
  build(): Promise<{ value: I; ms: number; bytes: RetainedBytes }>
  /** The median top-10 latencies (ms) of the term and two-term OR query sets (and phrases, if it has them). */
  latencies(index: I): Latencies
  close(index: I): void
}

export async function benchEsIndex(opts: { smoke: boolean; runs: number }): Promise<BenchResult[]> {
  const corpus = generateCorpus(opts.smoke ? { docs: 2_000 } : {})
  if (!opts.smoke && corpusFingerprint(corpus) !== CORPUS_FINGERPRINT) throw new Error('corpus drift')
  const all = generateQueries(corpus)
  const take = opts.smoke ? 20 : Infinity
  const queries: CorpusQueries = {
    term: all.term.slice(0, take),
    or2: all.or2.slice(0, take),
    phrase: all.phrase.slice(0, take),
    range: all.range.slice(0, take),
  }
  // Every engine runs each query set for a second before it is timed (measure.ts medianLatency).
  const timing: LatencyTiming = opts.smoke ? { rounds: 1, warmupMs: 0 } : { rounds: 3, warmupMs: 1_000 }
  const docs = corpus.docs.length

  // Each engine is timed from the documents in the form it takes them: MiniSearch and FlexSearch as objects, the
  // shard as a bulk's `_source` lines, the JSON text ES receives. Writing that text is the client's work (Rally sends
  // bulk bodies read from its corpus files), and so is splitting it into lines the REST layer's (bulkSourceLines:
  // slices of one flat body, as the shard gets them), so it is prepared outside the timer; the shard keeps its own
  // _source.
  // Each build gets a fresh WASM instance, loaded before its first memory reading as a node worker loads it at start:
  // a WASM memory never shrinks, so a second build in the same instance would reuse the memory the first one grew.
  const ours: Engine<BenchShard> = {
    build: async () => {
      const engine = await loadIndexEngine()
      return measureBuild(
        () => bulkSourceLines(corpus.docs),
        (sources) => {
          const shard = new BenchShard(engine)
          shard.bulk(sources, 0)
          shard.refresh()
          return shard
        },
      )
    },
    latencies: (shard) => ({
      termMs: medianLatency(queries.term, timing, ({ q }) => shard.search(matchBody(q))),
      or2Ms: medianLatency(queries.or2, timing, ({ q }) => shard.search(matchBody(q))),
      phraseMs: medianLatency(queries.phrase, timing, ({ q }) => shard.search(matchPhraseBody(q))),
    }),
    close: (shard) => shard.close(),
  }
  const engines = {
    our: new EngineRuns(ours, docs),
    mini: new EngineRuns(
      peerEngine(() => buildMiniSearch(corpus.docs), queries, timing),
      docs,
    ),
    flex: new EngineRuns(
      peerEngine(() => buildFlexSearch(corpus.docs), queries, timing),
      docs,
    ),
  }
  // The engines take turns round by round (A B C A B C …), so a slow spell of the machine falls on all of them.
  for (let run = 0; run < opts.runs; run++)
    for (const e of Object.values(engines)) await e.round(run === opts.runs - 1)
  const [our, mini, flex] = [engines.our.figures(), engines.mini.figures(), engines.flex.figures()]
  const phraseMs = our.latencies.phraseMs ?? Number.NaN
  const setup = `${docs.toLocaleString('en-US')} docs`
  return [
    ...versus(`es index ${setup} (positions, norms, doc values, _source)`, our, mini, flex, (f) => ({
      value: f.docsPerSecond,
      unit: 'docs/s',
      runs: f.runs.docsPerSecond,
    })),
    ...versus(`es index memory, heap + ArrayBuffers + WASM`, our, mini, flex, (f) => ({
      value: f.memoryMiB,
      unit: 'MiB',
      runs: f.runs.memoryMiB,
    })),
    { name: 'es index memory, of which WASM and native', value: our.wasmMiB, unit: 'MiB' },
    ...versus('es match 1 term, top 10 p50 (exact BM25)', our, mini, flex, (f) => ({
      value: f.latencies.termMs,
      unit: 'ms',
    })),
    ...versus('es match 2 terms OR, top 10 p50 (exact BM25)', our, mini, flex, (f) => ({
      value: f.latencies.or2Ms,
      unit: 'ms',
    })),
    {
      name: 'es match_phrase slop 1, top 10 p50',
      value: phraseMs,
      unit: 'ms',
      peer: `the ${PHRASE_GOAL_MS} ms goal (no peer has phrases)`,
      ratio: phraseMs / PHRASE_GOAL_MS,
    },
  ]
}

function peerEngine(
  build: () => PeerIndex,
  queries: CorpusQueries,
  timing: LatencyTiming,
): Engine<PeerIndex> {
  return {
    build: async () => measureBuild(() => null, build),
    latencies: (peer) => ({
      termMs: medianLatency(queries.term, timing, ({ q }) => peer.term(q)),
      or2Ms: medianLatency(queries.or2, timing, ({ q }) => peer.or2(q)),
    }),
    close: () => {},
  }
}

/** The builds of one engine, round after round: each index dropped before the next build is made. */
class EngineRuns<I> {
  private readonly builds: BuildFigures[] = []
  private latencies: Latencies = { termMs: Number.NaN, or2Ms: Number.NaN }

  constructor(
    private readonly engine: Engine<I>,
    private readonly docs: number,
  ) {}

  /** Builds the index once; on the last round, times its queries before dropping it. */
  async round(last: boolean): Promise<void> {
    const built = await this.engine.build()
    this.builds.push({ docsPerSecond: this.docs / (built.ms / 1000), bytes: built.bytes })
    if (last) this.latencies = this.engine.latencies(built.value)
    this.engine.close(built.value)
  }

  figures(): EngineFigures {
    const docsPerSecond = medianRun(this.builds.map((b) => b.docsPerSecond))
    const memoryMiB = medianRun(this.builds.map((b) => b.bytes.total / 2 ** 20))
    return {
      docsPerSecond: docsPerSecond.value,
      memoryMiB: memoryMiB.value,
      wasmMiB: medianRun(this.builds.map((b) => b.bytes.wasm / 2 ** 20)).value,
      latencies: this.latencies,
      runs: { docsPerSecond: docsPerSecond.runs, memoryMiB: memoryMiB.runs },
    }
  }
}

/** Our figure as a row against MiniSearch, and again against FlexSearch. */
function versus(
  name: string,
  our: EngineFigures,
  mini: EngineFigures,
  flex: EngineFigures,
  figure: (f: EngineFigures) => { value: number; unit: string; runs?: RunSpread },
): BenchResult[] {
  const { value, unit, runs } = figure(our)
  return [
    {
      name,
      value,
      unit,
      runs,
      peer: `MiniSearch 7: ${figure(mini).value.toPrecision(3)}`,
      ratio: value / figure(mini).value,
    },
    {
      name,
      value,
      unit,
      runs,
      peer: `FlexSearch 0.8: ${figure(flex).value.toPrecision(3)}`,
      ratio: value / figure(flex).value,
    },
  ]
}

/**
 * Elasticsearch index benchmarks in Node on the shared corpus (corpus.mjs: 100,000 documents, its term,
 * two-term OR and phrase query sets): indexing throughput, retained memory and top-10 query latency
 * (median) of one shard (es/bench-shard.ts: the real `_bulk` primary path and the real shard search
 * with exact BM25) against MiniSearch and FlexSearch measured in the same run on the same documents.
 * Each engine is built, measured and dropped before the next is built.
 */
import { corpusFingerprint, generateCorpus, generateQueries, type CorpusQueries } from './corpus.mjs'
import { BenchShard, loadIndexEngine } from './es/bench-shard.ts'
import { matchBody, matchPhraseBody } from './es/bench-mapping.ts'
import { measureBuild, medianLatency, type LatencyTiming, type RetainedBytes } from './es/measure.ts'
import { buildFlexSearch, buildMiniSearch, type PeerIndex } from './es/peers.ts'
import type { BenchResult } from './result.ts'

/** corpusFingerprint of the default corpus (shared bench README): the documents every run compares on. */
const CORPUS_FINGERPRINT = '7412eeab'
const PHRASE_GOAL_MS = 0.25

interface EngineFigures {
  docsPerSecond: number
  bytes: RetainedBytes
  termMs: number
  or2Ms: number
}

export async function benchEsIndex(opts: { smoke: boolean }): Promise<BenchResult[]> {
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

  const engine = await loadIndexEngine()
  // Each engine is timed from the documents in the form it takes them: MiniSearch and FlexSearch as objects, the
  // shard as a bulk's `_source` lines, the JSON text ES receives. Writing that text is the client's work (Rally sends
  // bulk bodies read from its corpus files), so it is prepared outside the timer; the shard keeps its own _source.
  const ours = measureBuild(
    () =>
      corpus.docs.map(({ title, body, views, ts, tag }) => JSON.stringify({ title, body, views, ts, tag })),
    (sources) => {
      const shard = new BenchShard(engine)
      shard.bulk(sources, 0)
      shard.refresh()
      return shard
    },
  )
  const shard = ours.value
  const our: EngineFigures = {
    docsPerSecond: docs / (ours.ms / 1000),
    bytes: ours.bytes,
    termMs: medianLatency(queries.term, timing, ({ q }) => shard.search(matchBody(q))),
    or2Ms: medianLatency(queries.or2, timing, ({ q }) => shard.search(matchBody(q))),
  }
  const phraseMs = medianLatency(queries.phrase, timing, ({ q }) => shard.search(matchPhraseBody(q)))
  shard.close()

  const mini = peerFigures(() => buildMiniSearch(corpus.docs), queries, timing, docs)
  const flex = peerFigures(() => buildFlexSearch(corpus.docs), queries, timing, docs)
  const setup = `${docs.toLocaleString('en-US')} docs`
  return [
    ...versus(`es index ${setup} (positions, norms, doc values, _source)`, our, mini, flex, (f) => ({
      value: f.docsPerSecond,
      unit: 'docs/s',
    })),
    ...versus(`es index memory, heap + ArrayBuffers + WASM`, our, mini, flex, (f) => ({
      value: f.bytes.total / 2 ** 20,
      unit: 'MiB',
    })),
    { name: 'es index memory, of which WASM and native', value: our.bytes.wasm / 2 ** 20, unit: 'MiB' },
    ...versus('es match 1 term, top 10 p50 (exact BM25)', our, mini, flex, (f) => ({
      value: f.termMs,
      unit: 'ms',
    })),
    ...versus('es match 2 terms OR, top 10 p50 (exact BM25)', our, mini, flex, (f) => ({
      value: f.or2Ms,
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

function peerFigures(
  build: () => PeerIndex,
  queries: CorpusQueries,
  timing: LatencyTiming,
  docs: number,
): EngineFigures {
  const built = measureBuild(() => null, build)
  const peer = built.value
  return {
    docsPerSecond: docs / (built.ms / 1000),
    bytes: built.bytes,
    termMs: medianLatency(queries.term, timing, ({ q }) => peer.term(q)),
    or2Ms: medianLatency(queries.or2, timing, ({ q }) => peer.or2(q)),
  }
}

/** Our figure as a row against MiniSearch, and again against FlexSearch. */
function versus(
  name: string,
  our: EngineFigures,
  mini: EngineFigures,
  flex: EngineFigures,
  figure: (f: EngineFigures) => { value: number; unit: string },
): BenchResult[] {
  const { value, unit } = figure(our)
  return [
    {
      name,
      value,
      unit,
      peer: `MiniSearch 7: ${figure(mini).value.toPrecision(3)}`,
      ratio: value / figure(mini).value,
    },
    {
      name,
      value,
      unit,
      peer: `FlexSearch 0.8: ${figure(flex).value.toPrecision(3)}`,
      ratio: value / figure(flex).value,
    },
  ]
}

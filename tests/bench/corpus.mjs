// Deterministic synthetic English-like corpus + fixed query set.
// (The shared /work/shared/bench/corpus.mjs, kept here so that CI runs the index benchmarks; types in
// corpus.d.mts. Formatted by prettier only: corpusFingerprint of the default corpus is still 7412eeab.)
//
// Isomorphic ES module: no Node-only imports at top level, so the same file can be
// loaded in a browser (Vite page / Web Worker) or in Node. Only integer arithmetic and
// IEEE division are used on the generation path, so every engine produces the same bytes.
//
//   import { generateCorpus, generateQueries, corpusFingerprint } from './corpus.mjs'
//   const corpus = generateCorpus()            // defaults: 100k docs, 50k vocab, seed 42
//   const queries = generateQueries(corpus)    // term / or2 / phrase / range query sets
//   corpusFingerprint(corpus)                  // FNV-1a hex, must match README
//
// CLI (Node):  node corpus.mjs [--docs N] [--vocab V] [--seed S] [--out file.jsonl]
//
// Document shape: { id, title, body, views, ts, tag }
//   id     integer 0..N-1
//   title  3..8 tokens, body 10..60 tokens, tokens drawn i.i.d. from Zipf(s=1) over the vocab
//   views  integer, heavy-tailed (random bit width 0..20)
//   ts     epoch millis, ascending (1 doc / ~1 s with jitter) - good for time/range tests
//   tag    keyword, one of 50 values, Zipf(s=1) - good for terms aggregations

export const DEFAULTS = Object.freeze({ docs: 100_000, vocab: 50_000, seed: 42 })

// --- PRNG: splitmix32 seeding + sfc32 (32-bit only, deterministic everywhere) ---------
function splitmix32(a) {
  return function () {
    a |= 0
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t = t ^ (t >>> 15)
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}
export function makeRng(seed) {
  const sm = splitmix32(seed >>> 0)
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm()
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i++) next()
  return {
    u32: next,
    int: (n) => next() % n, // tiny modulo bias is irrelevant here, and deterministic
    range: (lo, hi) => lo + (next() % (hi - lo + 1)),
    unit: () => next() / 4294967296, // [0,1), exact IEEE division
  }
}

// ~150 most frequent English words occupy the top Zipf ranks (realistic stop-word mass).
const COMMON = (
  'the of and to a in is that for it as was with be by on not he i this are or his from at which ' +
  'but have an they you were her she there one all we their been has more if will would who so no when what ' +
  'can said out up them into some time other only new about these two may could any first then do its than ' +
  'like our my over such also most after made me him your did very where just through even many well should ' +
  'because each those people how between both under never being day much same while last might us great old ' +
  'year off come since against go came right used take three states himself few house use during without again ' +
  'place around however home small found thought went say part once general high upon school every'
).split(' ')

const ONSETS = [
  '',
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'cr',
  'dr',
  'fl',
  'gr',
  'pl',
  'pr',
  'sh',
  'st',
  'str',
  'th',
  'tr',
  'ch',
  'sp',
  'sl',
  'cl',
  'bl',
]
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'oo', 'ou', 'ie', 'y']
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'd', 'm', 'ng', 'nd', 'st', 'ck', 'rt', 'sh', 'th', 'x']

function makeVocabulary(size, rng) {
  const seen = new Set(COMMON)
  const words = COMMON.slice(0, Math.min(COMMON.length, size))
  const synth = []
  while (words.length + synth.length < size) {
    const syl = 1 + rng.int(4) // 1..4 syllables
    let w = ''
    for (let s = 0; s < syl; s++)
      w += ONSETS[rng.int(ONSETS.length)] + NUCLEI[rng.int(NUCLEI.length)] + CODAS[rng.int(CODAS.length)]
    if (w.length < 2 || seen.has(w)) continue
    seen.add(w)
    synth.push({ w, key: w.length * 8 + rng.int(24) }) // shorter words tend to be more frequent
  }
  synth.sort((x, y) => x.key - y.key || (x.w < y.w ? -1 : x.w > y.w ? 1 : 0))
  for (const s of synth) words.push(s.w)
  return words
}

// Zipf(s=1) CDF: weight(rank k) = 1/k (k = 1..V); exact IEEE ops only.
function zipfCdf(n) {
  const cdf = new Float64Array(n)
  let acc = 0
  for (let k = 1; k <= n; k++) {
    acc += 1 / k
    cdf[k - 1] = acc
  }
  for (let i = 0; i < n; i++) cdf[i] /= acc
  cdf[n - 1] = 1
  return cdf
}
function sampleRank(cdf, u) {
  // first index with cdf[i] > u
  let lo = 0,
    hi = cdf.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cdf[mid] > u) hi = mid
    else lo = mid + 1
  }
  return lo
}

export function generateCorpus(opts = {}) {
  const { docs: nDocs, vocab: nVocab, seed } = { ...DEFAULTS, ...opts }
  const rng = makeRng(seed)
  const vocab = makeVocabulary(nVocab, makeRng(seed ^ 0x5eed))
  const cdf = zipfCdf(nVocab)
  const tagCdf = zipfCdf(50)
  const docs = new Array(nDocs)
  const buf = []
  const words = (n) => {
    // Array#join yields flat strings (no V8 cons-string ropes to flatten later)
    buf.length = n
    for (let i = 0; i < n; i++) buf[i] = vocab[sampleRank(cdf, rng.unit())]
    return buf.join(' ')
  }
  let ts = 1_700_000_000_000
  for (let i = 0; i < nDocs; i++) {
    const title = words(rng.range(3, 8))
    const body = words(rng.range(10, 60))
    const bits = rng.int(21)
    const views = bits === 0 ? 0 : rng.u32() >>> (32 - bits)
    ts += 500 + rng.int(1000)
    const tag = 'tag' + String(sampleRank(tagCdf, rng.unit())).padStart(2, '0')
    docs[i] = { id: i, title, body, views, ts, tag }
  }
  return { params: { docs: nDocs, vocab: nVocab, seed }, vocab, docs }
}

// Query set, modelled on Lucene nightly task families (Term High/Med/Low, OrHighX, Phrase).
// Bands are Zipf ranks (1-based). Doc-frequency for reference at 100k docs: rank 11 ~ 30%,
// rank 100 ~ 3%, rank 2000 ~ 0.2%, rank 50000 ~ 7 docs.
export const BANDS = Object.freeze({ high: [11, 100], med: [101, 2000], low: [2001, 50000] })

export function generateQueries(corpus, opts = {}) {
  const {
    perBand = 100,
    orPerCombo = 50,
    phrases2 = 150,
    phrases3 = 50,
    ranges = 50,
    seed = corpus.params.seed + 1,
  } = opts
  const rng = makeRng(seed)
  const { vocab, docs } = corpus
  const pick = (band) => {
    const [lo, hi] = BANDS[band]
    return vocab[Math.min(vocab.length, rng.range(lo, hi)) - 1]
  }
  const term = []
  for (const band of ['high', 'med', 'low'])
    for (let i = 0; i < perBand; i++) term.push({ band, q: pick(band) })
  const or2 = []
  for (const [a, b] of [
    ['high', 'high'],
    ['high', 'med'],
    ['high', 'low'],
    ['med', 'low'],
  ]) {
    for (let i = 0; i < orPerCombo; i++) {
      let x = pick(a),
        y = pick(b)
      while (y === x) y = pick(b)
      or2.push({ band: a + '+' + b, terms: [x, y], q: x + ' ' + y })
    }
  }
  const phrase = []
  const addPhrase = (len, count) => {
    while (count > 0) {
      const d = docs[rng.int(docs.length)]
      const toks = d.body.split(' ')
      if (toks.length < len) continue
      const at = rng.int(toks.length - len + 1)
      const t = toks.slice(at, at + len)
      phrase.push({ band: 'p' + len, terms: t, q: t.join(' ') })
      count--
    }
  }
  addPhrase(2, phrases2)
  addPhrase(3, phrases3)
  const range = []
  const tsLo = docs[0].ts,
    tsHi = docs[docs.length - 1].ts
  for (let i = 0; i < ranges; i++) {
    if (i % 2 === 0) {
      // views range: [2^a, 2^b]
      const a = rng.int(18),
        b = a + 1 + rng.int(3)
      range.push({ field: 'views', gte: 2 ** a, lte: 2 ** b })
    } else {
      // ts window: 0.1% .. 10% of the time span
      const span = tsHi - tsLo,
        w = Math.floor(span / (10 + rng.int(990)))
      const lo = tsLo + Math.floor((span - w) * rng.unit())
      range.push({ field: 'ts', gte: lo, lte: lo + w })
    }
  }
  return { term, or2, phrase, range }
}

// FNV-1a 32-bit over every field of every doc, in order; a cheap, engine-independent identity check.
export function corpusFingerprint(corpus) {
  let h = 0x811c9dc5
  const feed = (s) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= 0x1f
    h = Math.imul(h, 0x01000193)
  }
  for (const d of corpus.docs) {
    feed(String(d.id))
    feed(d.title)
    feed(d.body)
    feed(String(d.views))
    feed(String(d.ts))
    feed(d.tag)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

export function corpusStats(corpus) {
  let tokens = 0,
    bytes = 0
  for (const d of corpus.docs) {
    tokens += d.title.split(' ').length + d.body.split(' ').length
    bytes += d.title.length + d.body.length
  }
  return {
    docs: corpus.docs.length,
    vocab: corpus.vocab.length,
    tokens,
    textBytes: bytes,
    avgTokensPerDoc: +(tokens / corpus.docs.length).toFixed(2),
  }
}

// ---------------------------------------------------------------- CLI (Node only)
const isMain =
  typeof process !== 'undefined' &&
  process.argv &&
  process.argv[1] &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop())
if (isMain) {
  const arg = (k, d) => {
    const i = process.argv.indexOf('--' + k)
    return i > 0 ? process.argv[i + 1] : d
  }
  const t0 = performance.now()
  const corpus = generateCorpus({
    docs: +arg('docs', DEFAULTS.docs),
    vocab: +arg('vocab', DEFAULTS.vocab),
    seed: +arg('seed', DEFAULTS.seed),
  })
  const t1 = performance.now()
  const queries = generateQueries(corpus)
  console.log(
    JSON.stringify(
      {
        params: corpus.params,
        fingerprint: corpusFingerprint(corpus),
        stats: corpusStats(corpus),
        genMs: +(t1 - t0).toFixed(1),
        queries: Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, v.length])),
        sampleDoc: corpus.docs[0],
        sampleQueries: {
          term: queries.term[0],
          or2: queries.or2[0],
          phrase: queries.phrase[0],
          range: queries.range[0],
        },
      },
      null,
      2,
    ),
  )
  const out = arg('out', null)
  if (out) {
    const fs = await import('node:fs')
    const f = fs.openSync(out, 'w')
    let buf = ''
    for (const d of corpus.docs) {
      buf += JSON.stringify(d) + '\n'
      if (buf.length > 1 << 20) {
        fs.writeSync(f, buf)
        buf = ''
      }
    }
    fs.writeSync(f, buf)
    fs.closeSync(f)
    fs.writeFileSync(out.replace(/\.jsonl$/, '') + '.queries.json', JSON.stringify(queries))
  }
}

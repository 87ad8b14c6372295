/**
 * java.lang.Math.log as HotSpot computes it: the JIT's intrinsic (Intel's LIBM), correctly rounded for the
 * arguments Elasticsearch feeds it, while JavaScript's Math.log is fdlibm's (Java's StrictMath.log), which is off
 * by one ulp for some, ln 3 among them (1.0986122886681096 against 1.0986122886681098). ES's rank evaluation
 * metrics divide by Math.log(rank + 1), so their scores need the intrinsic's value.
 *
 * The logarithm is computed in double-double arithmetic (about 104 bits) and rounded once: x = 2^k × m with m in
 * [√½, √2), ln m = 2 atanh((m − 1) / (m + 1)) summed as its series, plus k × ln 2. Zero, negative, non-finite and
 * subnormal arguments are fdlibm's.
 */

type DoubleDouble = readonly [hi: number, lo: number]

const SPLITTER = 134217729 // 2^27 + 1, Dekker's split

function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b
  const bb = s - a
  return [s, a - (s - bb) + (b - bb)]
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b
  return [s, b - (s - a)]
}

function split(a: number): DoubleDouble {
  const t = SPLITTER * a
  const hi = t - (t - a)
  return [hi, a - hi]
}

function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b
  const [ah, al] = split(a)
  const [bh, bl] = split(b)
  return [p, ah * bh - p + ah * bl + al * bh + al * bl]
}

function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [s, e] = twoSum(a[0], b[0])
  return quickTwoSum(s, e + a[1] + b[1])
}

function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [p, e] = twoProduct(a[0], b[0])
  return quickTwoSum(p, e + a[0] * b[1] + a[1] * b[0])
}

function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a[0] / b[0]
  let r = add(a, multiply(b, [-q1, 0]))
  const q2 = r[0] / b[0]
  r = add(r, multiply(b, [-q2, 0]))
  const q3 = r[0] / b[0]
  return add(quickTwoSum(q1, q2), [q3, 0])
}

/** ln 2 to 106 bits. */
const LN2: DoubleDouble = [0.6931471805599453, 2.3190468138462996e-17]

/** Math.log(x), correctly rounded. */
export function javaMathLog(x: number): number {
  if (!(x >= 2.2250738585072014e-308) || x === Infinity) return Math.log(x)
  if (x === 1) return 0
  let k = Math.floor(Math.log2(x))
  let m = x / 2 ** k
  while (m >= Math.SQRT2) {
    m /= 2
    k++
  }
  while (m < Math.SQRT1_2) {
    m *= 2
    k--
  }
  const s = divide([m - 1, 0], twoSum(m, 1))
  const s2 = multiply(s, s)
  let term = s
  let sum = s
  for (let n = 3; Math.abs(term[0]) > 1e-40; n += 2) {
    term = multiply(term, s2)
    sum = add(sum, divide(term, [n, 0]))
  }
  const ln = add(multiply(sum, [2, 0]), multiply(LN2, [k, 0]))
  return ln[0] + ln[1]
}

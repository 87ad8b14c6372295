/**
 * Student's t distribution's cumulative probability as Apache commons-math3 (3.6.1, which ES's analytics plugin
 * uses for `t_test`) computes it, step for step, so the p-value comes out as the same double:
 * TDistribution.cumulativeProbability (0.5 at 0, else from Beta.regularizedBeta(df / (df + x²), df / 2, 1 / 2)),
 * regularizedBeta's continued fraction (ContinuedFraction.evaluate, modified Lentz, epsilon 1e-14), Beta.logBeta
 * (the NSWC DBETLN branches) and Gamma's logGamma, logGamma1p, invGamma1pm1, lanczos and gamma. FastMath's exp,
 * log and log1p are the JavaScript engine's Math functions (both within one ulp of the exact value).
 */

const DELTA = [
  0.833333333333333333333333333333e-1, -0.277777777777777777777777752282e-4, 0.79365079365079365079173213041e-7,
  -0.595238095238095232389839236182e-9, 0.84175084175083285329445167199e-11, -0.191752691751854612334149171243e-12,
  0.641025640510325475730918472625e-14, -0.295506514125338232839867823991e-15, 0.179643716359402238723287696452e-16,
  -0.139228964661627791231203060395e-17, 0.133802855014020915603275339093e-18, -0.154246009867966094273710216533e-19,
  0.197701992980957427278370133333e-20, -0.234065664793997056856992426667e-21, 0.171348014966398575409015466667e-22,
] // prettier-ignore
const HALF_LOG_TWO_PI = 0.9189385332046727
const LANCZOS_G = 607.0 / 128.0
const HALF_LOG_2_PI = 0.5 * Math.log(2.0 * Math.PI)
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4,
  0.15808870322491248884e-3, -0.21026444172410488319e-3, 0.2174396181152126432e-3, -0.16431810653676389022e-3,
  0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
] // prettier-ignore
// DGAM1's constants: A0, A1, B1..B8, P0..P6, Q1..Q4, C, C0..C13
const A = [0.611609510448141581788e-8, 0.62473083011646551621e-8]
const B = [
  0.2036104140668069873, 0.266205348428949217746e-1, 0.493944979382446875238e-3, -0.851419432440314906588e-5,
  -0.643045481779353022248e-5, 0.992641840672773722196e-6, -0.607761895722825260739e-7, 0.195755836614639731882e-9,
] // prettier-ignore
const P = [
  0.6116095104481415817861e-8, 0.6871674113067198736152e-8, 0.6820161668496170657918e-9, 0.468684332294884803108e-10,
  0.1572833027710446286995e-11, -0.1249441572276366213222e-12, 0.4343529937408594255178e-14,
] // prettier-ignore
const Q = [
  0.3056961078365221025009, 0.5464213086042296536016e-1, 0.495683009382588731202e-2,
  0.2692369466186361192876e-3,
]
const C_MINUS = -0.422784335098467139393487909917598
const C = [
  0.577215664901532860606512090082402, -0.65587807152025388107701951514539, -0.420026350340952355290039348754298e-1,
  0.166538611382291489501700795102105, -0.421977345555443367482083012891874e-1, -0.96219715278769735621149216723482e-2,
  0.721894324666309954239501034044657e-2, -0.116516759185906511211397108401839e-2, -0.215241674114950972815729963053648e-3,
  0.128050282388116186153198626328164e-3, -0.201348547807882386556893914210218e-4, -0.125049348214267065734535947383309e-5,
  0.113302723198169588237412962033074e-5, -0.205633841697760710345015413002057e-6,
] // prettier-ignore

/** TDistribution(df).cumulativeProbability(x). */
export function tCumulativeProbability(df: number, x: number): number {
  if (x === 0) return 0.5
  const t = regularizedBeta(df / (df + x * x), 0.5 * df, 0.5)
  return x < 0.0 ? 0.5 * t : 1.0 - 0.5 * t
}

function regularizedBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b) || x < 0 || x > 1 || a <= 0.0 || b <= 0.0)
    return NaN
  if (x > (a + 1) / (2 + b + a) && 1 - x <= (b + 1) / (2 + b + a)) return 1 - regularizedBeta(1 - x, b, a)
  const termB = (n: number): number => {
    if (n % 2 === 0) {
      const m = n / 2.0
      return (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
    }
    const m = (n - 1.0) / 2.0
    return -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1.0))
  }
  return (
    (Math.exp(a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - logBeta(a, b)) * 1.0) /
    continuedFraction(termB)
  )
}

/** ContinuedFraction.evaluate with every a(n) = 1 and epsilon 1e-14. */
function continuedFraction(termB: (n: number) => number): number {
  const small = 1e-50
  const zero = (v: number): boolean => Math.abs(v) <= small
  let hPrev = 1.0
  let dPrev = 0.0
  let cPrev = hPrev
  let hN = hPrev
  for (let n = 1; ; n++) {
    const b = termB(n)
    let dN = 1.0 + b * dPrev
    if (zero(dN)) dN = small
    let cN = 1.0 + b / cPrev
    if (zero(cN)) cN = small
    dN = 1 / dN
    const deltaN = cN * dN
    hN = hPrev * deltaN
    if (!Number.isFinite(hN)) return NaN
    if (Math.abs(deltaN - 1.0) < 1e-14) return hN
    dPrev = dN
    cPrev = cN
    hPrev = hN
  }
}

function logBeta(p: number, q: number): number {
  if (Number.isNaN(p) || Number.isNaN(q) || p <= 0.0 || q <= 0.0) return NaN
  const a = Math.min(p, q)
  const b = Math.max(p, q)
  if (a >= 10.0) {
    const w = sumDeltaMinusDeltaSum(a, b)
    const h = a / b
    const c = h / (1.0 + h)
    const u = -(a - 0.5) * Math.log(c)
    const v = b * Math.log1p(h)
    const head = -0.5 * Math.log(b) + HALF_LOG_TWO_PI + w
    return u <= v ? head - u - v : head - v - u
  }
  if (a > 2.0) {
    if (b > 1000.0) {
      const n = Math.floor(a - 1.0)
      let prod = 1.0
      let ared = a
      for (let i = 0; i < n; i++) {
        ared -= 1.0
        prod *= ared / (1.0 + ared / b)
      }
      return Math.log(prod) - n * Math.log(b) + (logGamma(ared) + logGammaMinusLogGammaSum(ared, b))
    }
    let prod1 = 1.0
    let ared = a
    while (ared > 2.0) {
      ared -= 1.0
      const h = ared / b
      prod1 *= h / (1.0 + h)
    }
    if (b < 10.0) {
      let prod2 = 1.0
      let bred = b
      while (bred > 2.0) {
        bred -= 1.0
        prod2 *= bred / (ared + bred)
      }
      return Math.log(prod1) + Math.log(prod2) + (logGamma(ared) + (logGamma(bred) - logGammaSum(ared, bred)))
    }
    return Math.log(prod1) + logGamma(ared) + logGammaMinusLogGammaSum(ared, b)
  }
  if (a >= 1.0) {
    if (b > 2.0) {
      if (b < 10.0) {
        let prod = 1.0
        let bred = b
        while (bred > 2.0) {
          bred -= 1.0
          prod *= bred / (a + bred)
        }
        return Math.log(prod) + (logGamma(a) + (logGamma(bred) - logGammaSum(a, bred)))
      }
      return logGamma(a) + logGammaMinusLogGammaSum(a, b)
    }
    return logGamma(a) + logGamma(b) - logGammaSum(a, b)
  }
  if (b >= 10.0) return logGamma(a) + logGammaMinusLogGammaSum(a, b)
  return Math.log((gamma(a) * gamma(b)) / gamma(a + b))
}

function logGammaSum(a: number, b: number): number {
  const x = a - 1.0 + (b - 1.0)
  if (x <= 0.5) return logGamma1p(1.0 + x)
  if (x <= 1.5) return logGamma1p(x) + Math.log1p(x)
  return logGamma1p(x - 1.0) + Math.log(x * (1.0 + x))
}

function logGammaMinusLogGammaSum(a: number, b: number): number {
  const [d, w] =
    a <= b ? [b + (a - 0.5), deltaMinusDeltaSum(a, b)] : [a + (b - 0.5), deltaMinusDeltaSum(b, a)]
  const u = d * Math.log1p(a / b)
  const v = a * (Math.log(b) - 1.0)
  return u <= v ? w - u - v : w - v - u
}

function deltaMinusDeltaSum(a: number, b: number): number {
  const h = a / b
  const p = h / (1.0 + h)
  const q = 1.0 / (1.0 + h)
  const q2 = q * q
  const s = [1.0]
  for (let i = 1; i < DELTA.length; i++) s.push(1.0 + (q + q2 * s[i - 1]!))
  const sqrtT = 10.0 / b
  const t = sqrtT * sqrtT
  let w = DELTA[DELTA.length - 1]! * s[s.length - 1]!
  for (let i = DELTA.length - 2; i >= 0; i--) w = t * w + DELTA[i]! * s[i]!
  return (w * p) / b
}

function sumDeltaMinusDeltaSum(p: number, q: number): number {
  const a = Math.min(p, q)
  const b = Math.max(p, q)
  const sqrtT = 10.0 / a
  const t = sqrtT * sqrtT
  let z = DELTA[DELTA.length - 1]!
  for (let i = DELTA.length - 2; i >= 0; i--) z = t * z + DELTA[i]!
  return z / a + deltaMinusDeltaSum(a, b)
}

function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0.0) return NaN
  if (x < 0.5) return logGamma1p(x) - Math.log(x)
  if (x <= 2.5) return logGamma1p(x - 0.5 - 0.5)
  if (x <= 8.0) {
    const n = Math.floor(x - 1.5)
    let prod = 1.0
    for (let i = 1; i <= n; i++) prod *= x - i
    return logGamma1p(x - (n + 1)) + Math.log(prod)
  }
  const sum = lanczos(x)
  const tmp = x + LANCZOS_G + 0.5
  return (x + 0.5) * Math.log(tmp) - tmp + HALF_LOG_2_PI + Math.log(sum / x)
}

function lanczos(x: number): number {
  let sum = 0.0
  for (let i = LANCZOS.length - 1; i > 0; --i) sum = sum + LANCZOS[i]! / (x + i)
  return sum + LANCZOS[0]!
}

function logGamma1p(x: number): number {
  return -Math.log1p(invGamma1pm1(x))
}

/** Horner's rule from the highest coefficient down: ((c[n] · t + c[n-1]) · t + ...) + c[0]. */
function horner(coefficients: readonly number[], t: number, top: number): number {
  let value = top
  for (let i = coefficients.length - 1; i >= 0; i--) value = coefficients[i]! + t * value
  return value
}

function invGamma1pm1(x: number): number {
  const t = x <= 0.5 ? x : x - 0.5 - 0.5
  if (t < 0.0) {
    const a = A[0]! + t * A[1]!
    const b = 1.0 + t * horner(B.slice(0, -1), t, B[B.length - 1]!)
    const c = C_MINUS + t * horner(C.slice(1, -1), t, C[C.length - 1]! + t * (a / b))
    return x > 0.5 ? (t * c) / x : x * (c + 0.5 + 0.5)
  }
  const p = horner(P.slice(0, -1), t, P[P.length - 1]!)
  const q = 1.0 + t * horner(Q.slice(0, -1), t, Q[Q.length - 1]!)
  const c = horner(C.slice(0, -1), t, C[C.length - 1]! + (p / q) * t)
  return x > 0.5 ? (t / x) * (c - 0.5 - 0.5) : x * c
}

function gamma(x: number): number {
  // only reached with 0 < x < 10.5 (logBeta's last branch), where DGAMMA uses the recurrences
  if (x >= 1.0) {
    let prod = 1.0
    let t = x
    while (t > 2.5) {
      t = t - 1.0
      prod *= t
    }
    return prod / (1.0 + invGamma1pm1(t - 1.0))
  }
  let prod = x
  let t = x
  while (t < -0.5) {
    t = t + 1.0
    prod *= t
  }
  return 1.0 / (prod * (1.0 + invGamma1pm1(t)))
}

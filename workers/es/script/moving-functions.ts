/**
 * MovingFunctions, the static helpers a `moving_fn` pipeline script calls over its window (`values`, the
 * window's doubles): max and min (NaN for an empty window, NaN if any value is NaN, as DoubleStream's are),
 * sum (NaN counted as 0), unweightedAvg, stdDev(values, avg), linearWeightedAvg (weights 1, 2, ... over
 * the non-NaN values, divided by 1 + their sum), ewma(values, alpha) and holt(values, alpha, beta), each
 * skipping NaN values and NaN when nothing is left. holtWinters is not built.
 */
import { Num, type Value } from './painless-values.ts'

function numbers(value: Value | undefined): number[] | null {
  if (!Array.isArray(value)) return null
  return value.map((v) => (v instanceof Num ? v.value : NaN))
}

function arg(value: Value | undefined): number {
  return value instanceof Num ? value.value : NaN
}

function unweightedAvg(values: readonly number[]): number {
  const present = values.filter((v) => !Number.isNaN(v))
  return present.length === 0 ? NaN : present.reduce((a, b) => a + b, 0) / present.length
}

function stdDev(values: readonly number[], avg: number): number {
  if (Number.isNaN(avg)) return NaN
  const present = values.filter((v) => !Number.isNaN(v))
  return Math.sqrt(present.reduce((n, v) => n + Math.pow(v - avg, 2), 0) / present.length)
}

function linearWeightedAvg(values: readonly number[]): number {
  let avg = 0
  let totalWeight = 1
  let current = 1
  for (const v of values) {
    if (Number.isNaN(v)) continue
    avg += v * current
    totalWeight += current
    current += 1
  }
  return totalWeight === 1 ? NaN : avg / totalWeight
}

function ewma(values: readonly number[], alpha: number): number {
  let avg = NaN
  for (const v of values) {
    if (Number.isNaN(v)) continue
    avg = Number.isNaN(avg) ? v : v * alpha + avg * (1 - alpha)
  }
  return avg
}

function holt(values: readonly number[], alpha: number, beta: number): number {
  let s = NaN
  let lastS = 0
  let lastB = 0
  let counter = 0
  for (const v of values) {
    if (Number.isNaN(v)) continue
    if (counter === 0) {
      s = v
      lastB = 0
    } else {
      s = alpha * v + (1 - alpha) * (lastS + lastB)
      lastB = beta * (s - lastS) + (1 - beta) * lastB
    }
    lastS = s
    counter += 1
  }
  return s
}

/** `MovingFunctions.<name>(args)`, or undefined when there is no such overload. */
export function movingFunction(name: string, args: readonly Value[]): Value | undefined {
  const values = numbers(args[0])
  if (values === null) return undefined
  const result = ((): number | undefined => {
    switch (`${name}/${args.length}`) {
      case 'max/1':
        return values.length === 0 ? NaN : Math.max(...values)
      case 'min/1':
        return values.length === 0 ? NaN : Math.min(...values)
      case 'sum/1':
        return values.reduce((n, v) => n + (Number.isNaN(v) ? 0 : v), 0)
      case 'unweightedAvg/1':
        return unweightedAvg(values)
      case 'stdDev/2':
        return stdDev(values, arg(args[1]))
      case 'linearWeightedAvg/1':
        return linearWeightedAvg(values)
      case 'ewma/2':
        return ewma(values, arg(args[1]))
      case 'holt/3':
        return holt(values, arg(args[1]), arg(args[2]))
      default:
        return undefined
    }
  })()
  return result === undefined ? undefined : Num.double(result)
}

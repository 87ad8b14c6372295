// javaMathLog (workers/es/common/java-math.ts): HotSpot's Math.log, correctly rounded where JavaScript's fdlibm
// Math.log is one ulp off.
import { describe, expect, it } from 'vitest'
import { javaMathLog } from '../../../../workers/es/common/java-math.ts'

describe('javaMathLog', () => {
  it('is correctly rounded where fdlibm is not', () => {
    expect(Math.log(3)).toBe(1.0986122886681096)
    expect(javaMathLog(3)).toBe(1.0986122886681098)
  })

  it('agrees with fdlibm where that is right, and keeps its special cases', () => {
    for (const x of [2, 4, 6, 7, 10, 1e6, 0.5, 1e-300]) expect(javaMathLog(x)).toBe(Math.log(x))
    expect(javaMathLog(1)).toBe(0)
    expect(javaMathLog(0)).toBe(-Infinity)
    expect(javaMathLog(-1)).toBeNaN()
    expect(javaMathLog(Infinity)).toBe(Infinity)
  })
})

/**
 * GrokBuiltinPatterns (ES 8): the pattern bank of each `ecs_compatibility` mode, `disabled` (legacy names,
 * the 8.x default) or `v1` (ECS names), each built and checked once, on first use.
 */
import { ECS_V1_PATTERNS } from './patterns-ecs-v1.ts'
import { LEGACY_PATTERNS } from './patterns-legacy.ts'
import { PatternBank } from './pattern-bank.ts'

export const ECS_COMPATIBILITY_MODES = ['disabled', 'v1'] as const
export type EcsCompatibility = (typeof ECS_COMPATIBILITY_MODES)[number]
export const DEFAULT_ECS_COMPATIBILITY: EcsCompatibility = 'disabled'

const banks = new Map<EcsCompatibility, PatternBank>()

export function isEcsCompatibilityMode(mode: string): mode is EcsCompatibility {
  return (ECS_COMPATIBILITY_MODES as readonly string[]).includes(mode)
}

export function builtinPatterns(mode: EcsCompatibility): PatternBank {
  let bank = banks.get(mode)
  if (bank === undefined) {
    bank = new PatternBank(new Map(mode === 'v1' ? ECS_V1_PATTERNS : LEGACY_PATTERNS))
    banks.set(mode, bank)
  }
  return bank
}

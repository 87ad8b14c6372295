import { describe, expect, it } from 'vitest'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'
import { EsException, errorResponseBody } from '../../../../workers/es/errors/index.ts'
import {
  parsePutLifecycleRequest,
  validatePolicyName,
} from '../../../../workers/es/ilm/lifecycle-policy-parser.ts'
import { validatePolicy } from '../../../../workers/es/ilm/timeseries-lifecycle-type.ts'
import { policyToJson } from '../../../../workers/es/ilm/lifecycle-policy.ts'
import { utcZonedDateTimeString } from '../../../../workers/es/common/time/zoned-date-time-string.ts'
import { humanReadableMillis } from '../../../../workers/es/common/time/time-value-text.ts'
import {
  deleteLifecyclePolicy,
  lifecycleMetadata,
  putLifecyclePolicy,
} from '../../../../workers/es/ilm/index-lifecycle-metadata.ts'
import { explainLifecycle } from '../../../../workers/es/ilm/explain-lifecycle.ts'
import { policySteps } from '../../../../workers/es/ilm/index-lifecycle-transition.ts'
import { emptyClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'

const parse = (text: string) => parsePutLifecycleRequest(text, parseJson(text))

function failure(run: () => unknown): EsException {
  try {
    run()
  } catch (error) {
    if (error instanceof EsException) return error
    throw error
  }
  throw new Error('expected a failure')
}

// The policies of x-pack/plugin/ilm/src/yamlRestTest/resources/rest-api-spec/test/ilm/10_basic.yml.
const BASIC = `{"policy":{"phases":{"warm":{"min_age":"10s","actions":{"forcemerge":{"max_num_segments":10000}}},"delete":{"min_age":"30s","actions":{"delete":{}}}}}}`

describe('PUT _ilm/policy body', () => {
  it('prints phases in Java hash order with min_age as given and the actions as ES prints them', () => {
    expect(toJson(policyToJson(parse(BASIC)))).toBe(
      '{"phases":{"warm":{"min_age":"10s","actions":{"forcemerge":{"max_num_segments":10000}}},' +
        '"delete":{"min_age":"30s","actions":{"delete":{"delete_searchable_snapshot":true}}}}}',
    )
  })

  it('defaults min_age to 0ms and takes a negative one as 0', () => {
    const policy = parse('{"policy":{"phases":{"hot":{"min_age":"-5d","actions":{}}}}}')
    expect(policy.phases.hot).toMatchObject({ minAge: '0ms', minAgeMillis: 0 })
  })

  it('refuses the invalid policies of 10_basic.yml (bad_request)', () => {
    for (const actions of [
      '{"forcemerge":{"max_num_segments":1}}',
      '{"shrink":{"number_of_shards":1}}',
      '{"readonly":{}}',
    ]) {
      const policy = parse(`{"policy":{"phases":{"hot":{"min_age":"0s","actions":${actions}}}}}`)
      expect(failure(() => validatePolicy(policy)).status).toBe(400)
    }
  })

  it('reports the phase timing error of 10_basic.yml', () => {
    const policy = parse(
      '{"policy":{"phases":{"warm":{"min_age":"10s","actions":{}},"delete":{"min_age":"5s","actions":{"delete":{}}}}}}',
    )
    expect(failure(() => validatePolicy(policy)).reason).toBe(
      'Validation Failed: 1: Your policy is configured to run the delete phase (min_age: 5s) before the warm phase (min_age: 10s). You should change the phase timing so that the phases will execute in the order of hot, warm, then cold.;',
    )
  })

  it('refuses an unknown phase and an action the phase does not allow', () => {
    expect(
      failure(() => validatePolicy(parse('{"policy":{"phases":{"lukewarm":{"actions":{}}}}}'))).reason,
    ).toBe('Validation Failed: 1: Timeseries lifecycle does not support phase [lukewarm];')
    const misplaced = parse('{"policy":{"phases":{"delete":{"actions":{"rollover":{"max_docs":1}}}}}}')
    expect(failure(() => validatePolicy(misplaced)).reason).toBe(
      'Validation Failed: 1: invalid action [rollover] defined in phase [delete];',
    )
  })

  it('nests a rollover without max conditions as ES nests the build failure', () => {
    const text = '{"policy":{"phases":{"hot":{"actions":{"rollover":{"min_docs":1}}}}}}'
    const body = JSON.parse(errorResponseBody(failure(() => parse(text)))) as {
      error: { root_cause: Array<{ reason: string }>; reason: string }
    }
    expect(body.error.reason).toMatch(
      /^\[1:\d+\] \[put_lifecycle_request\] failed to parse field \[policy\]$/,
    )
    expect(body.error.root_cause[0]!.reason).toBe(
      'Failed to build [rollover] after last required field arrived',
    )
    expect(errorResponseBody(failure(() => parse(text)))).toContain(
      'At least one max_* rollover condition must be set.',
    )
  })

  it('locates an unknown field of the policy (elasticsearch-java#160)', () => {
    const error = failure(() => parse('{"policy":{"phases":{},"name":"x"}}'))
    expect(error.reason).toBe('[1:31] [put_lifecycle_request] failed to parse field [policy]')
    expect(error.causedBy?.reason).toBe('[1:24] [lifecycle_policy] unknown field [name]')
  })

  it('refuses a bad min_age, forcemerge segments and priority', () => {
    const age = failure(() => parse('{"policy":{"phases":{"warm":{"min_age":"ten","actions":{}}}}}'))
    expect(errorResponseBody(age)).toContain(
      'failed to parse setting [min_age] with value [ten] as a time value: unit is missing or unrecognized',
    )
    const merge = failure(() =>
      parse('{"policy":{"phases":{"warm":{"actions":{"forcemerge":{"max_num_segments":0}}}}}}'),
    )
    expect(errorResponseBody(merge)).toContain('[max_num_segments] must be a positive integer')
    const priority = failure(() =>
      parse('{"policy":{"phases":{"warm":{"actions":{"set_priority":{"priority":-1}}}}}}'),
    )
    expect(errorResponseBody(priority)).toContain('[priority] must be 0 or greater')
  })

  it('checks the policy name as validatePolicyName does', () => {
    expect(failure(() => validatePolicyName('_x')).reason).toBe(
      "invalid policy name [_x]: must not start with '_'",
    )
    expect(failure(() => validatePolicyName('a,b')).reason).toBe(
      "invalid policy name [a,b]: must not contain ','",
    )
  })
})

describe('IndexLifecycleMetadata', () => {
  const index = (name: string, policy?: string): IndexMetadata =>
    ({
      name,
      creationDate: 1000,
      ...(policy ? { otherSettings: { 'index.lifecycle.name': policy } } : {}),
    }) as IndexMetadata

  it('counts versions and refuses to delete a policy in use (10_basic.yml)', () => {
    const policy = parse(BASIC)
    let state = putLifecyclePolicy(emptyClusterState('c'), 'p', policy, 5)
    state = putLifecyclePolicy(state, 'p', policy, 6)
    expect(lifecycleMetadata(state).policies.p).toMatchObject({ version: 2, modifiedDate: 6 })
    expect(failure(() => deleteLifecyclePolicy(state, [index('my_timeseries_index', 'p')], 'p')).reason).toBe(
      'Cannot delete policy [p]. It is in use by one or more indices: [my_timeseries_index]',
    )
    expect(lifecycleMetadata(deleteLifecyclePolicy(state, [], 'p')).policies).toEqual({})
    expect(failure(() => deleteLifecyclePolicy(state, [], 'q')).reason).toBe('Lifecycle policy not found: q')
  })

  it('explains managed and unmanaged indices (40_explain_lifecycle.yml)', () => {
    const indices = [
      index('unmanaged_index'),
      index('my_index', 'p'),
      index('index_with_policy_that_doesnt_exist', 'gone'),
    ]
    const exists = (name: string) => name === 'p'
    const all = explainLifecycle(indices, exists, { onlyManaged: false, onlyErrors: false }, 62_000)
    expect(toJson(all)).toBe(
      '{"indices":{"index_with_policy_that_doesnt_exist":{"index":"index_with_policy_that_doesnt_exist","managed":true,' +
        '"policy":"gone","index_creation_date_millis":1000,"time_since_index_creation":"1.01m","step":"ERROR"},' +
        '"my_index":{"index":"my_index","managed":true,"policy":"p","index_creation_date_millis":1000,' +
        '"time_since_index_creation":"1.01m"},"unmanaged_index":{"index":"unmanaged_index","managed":false}}}',
    )
    const errors = explainLifecycle(indices, exists, { onlyManaged: false, onlyErrors: true }, 62_000)
    expect([...(errors.get('indices') as Map<string, unknown>).keys()]).toEqual([
      'index_with_policy_that_doesnt_exist',
    ])
  })

  it('compiles a policy to its step keys in phase and action order', () => {
    const steps = policySteps({ policy: parse(BASIC), version: 1, modifiedDate: 0 })
    expect(steps.map((s) => `${s.phase}/${s.action}/${s.name}`)).toEqual([
      'new/complete/complete',
      'warm/forcemerge/check-not-write-index',
      'warm/forcemerge/readonly',
      'warm/forcemerge/forcemerge',
      'warm/forcemerge/segment-count',
      'warm/complete/complete',
      'delete/delete/wait-for-shard-history-leases',
      'delete/delete/delete',
      'delete/complete/complete',
    ])
  })
})

describe('printed times', () => {
  it('prints TimeValue.toHumanReadableString and ZonedDateTime.toString', () => {
    expect(humanReadableMillis(61_000, 2)).toBe('1.01m')
    expect(humanReadableMillis(300_000, 1)).toBe('5m')
    expect(humanReadableMillis(35, 2)).toBe('35ms')
    expect(utcZonedDateTimeString(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00Z')
    expect(utcZonedDateTimeString(Date.UTC(2026, 0, 1, 0, 0, 10, 1))).toBe('2026-01-01T00:00:10.001Z')
  })
})

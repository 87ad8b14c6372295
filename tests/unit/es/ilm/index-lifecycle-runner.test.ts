import { describe, expect, it } from 'vitest'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import type { RestResponse } from '../../../../workers/protocol/es.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { executeMetadataTask } from '../../../../workers/es/cluster/metadata/metadata-tasks.ts'
import { esIndexMetadata } from '../../../../workers/es/cluster/metadata/es-index-metadata.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'
import { parsePutLifecycleRequest } from '../../../../workers/es/ilm/lifecycle-policy-parser.ts'
import { putLifecyclePolicy } from '../../../../workers/es/ilm/index-lifecycle-metadata.ts'
import { runPolicy, type RunnerClient } from '../../../../workers/es/ilm/index-lifecycle-runner.ts'

/** A cluster of one index and a client that records the REST requests the steps make. */
function cluster(policyText: string, settings: Record<string, string>) {
  const policy = parsePutLifecycleRequest(policyText, parseJson(policyText))
  const index = {
    name: 'idx',
    uuid: 'u',
    creationDate: 0,
    otherSettings: settings,
  } as unknown as IndexMetadata
  let state: ClusterState = putLifecyclePolicy(emptyClusterState('c'), 'p', policy, 0)
  state = {
    ...state,
    metadata: {
      ...state.metadata,
      indices: {
        idx: {
          name: 'idx',
          uuid: 'u',
          numberOfShards: 1,
          numberOfReplicas: 0,
          primaryTerms: [1],
          inSyncAllocationIds: [[]],
          settings: index,
          mappings: null,
        },
      },
    },
  }
  const requests: string[] = []
  let now = 0
  const client: RunnerClient = {
    state: () => state,
    now: () => now,
    setState: (name, lifecycleState) => {
      state = executeMetadataTask(state, { type: 'ilm_set_state', index: name, lifecycleState }, now)
      return Promise.resolve()
    },
    perform: (method, path, body) => {
      requests.push(`${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`)
      const response: RestResponse = { status: 200, contentType: 'application/json', body: '{}' }
      return Promise.resolve(response)
    },
  }
  return {
    client,
    requests,
    advance: (ms: number) => (now += ms),
    lifecycle: () => esIndexMetadata(state.metadata.indices.idx!).lifecycleState,
  }
}

describe('IndexLifecycleRunner', () => {
  it('initializes, waits for min_age, then runs the phase actions in order', async () => {
    const run = cluster(
      '{"policy":{"phases":{"warm":{"min_age":"10s","actions":{"readonly":{},"set_priority":{"priority":50}}}}}}',
      { 'index.lifecycle.name': 'p' },
    )
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()).toMatchObject({
      phase: 'new',
      action: 'complete',
      step: 'complete',
      lifecycleDate: 0,
    })
    expect(run.lifecycle()?.phaseDefinition).toBe('{"policy":"p","version":1,"modified_date_in_millis":0}')
    run.advance(5_000)
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()?.phase).toBe('new')
    run.advance(5_000)
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()).toMatchObject({
      phase: 'warm',
      action: 'complete',
      step: 'complete',
      phaseTime: 10_000,
    })
    expect(run.requests).toEqual(['PUT /idx/_settings {"index.priority":50}', 'PUT /idx/_block/write'])
  })

  it('stops an action it does not run in the ERROR step, and does not retry it', async () => {
    const run = cluster('{"policy":{"phases":{"warm":{"actions":{"shrink":{"number_of_shards":1}}}}}}', {
      'index.lifecycle.name': 'p',
    })
    await runPolicy(run.client, 'idx')
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()).toMatchObject({
      phase: 'warm',
      action: 'shrink',
      step: 'ERROR',
      failedStep: 'shrink',
      isAutoRetryableError: false,
    })
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()?.failedStepRetryCount).toBeUndefined()
  })

  it('fails check-rollover-ready without a rollover alias and retries it at the next run', async () => {
    const run = cluster('{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_docs":1}}}}}}', {
      'index.lifecycle.name': 'p',
    })
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()).toMatchObject({ step: 'ERROR', failedStep: 'check-rollover-ready' })
    expect(run.lifecycle()?.stepInfo).toBe(
      '{"type":"illegal_argument_exception","reason":"setting [index.lifecycle.rollover_alias] for index [idx] is empty or not defined"}',
    )
    await runPolicy(run.client, 'idx')
    expect(run.lifecycle()).toMatchObject({ step: 'ERROR', failedStepRetryCount: 1 })
  })
})

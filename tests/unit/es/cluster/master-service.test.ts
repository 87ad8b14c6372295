/**
 * MasterService: batches of waiting tasks run in submission order on the last accepted state, one
 * publication at a time; a throwing task fails alone; a failed publication or a master stepping down
 * settles every task exactly once.
 */
import { describe, expect, it } from 'vitest'
import { MasterService } from '../../../../workers/es/cluster/coordination/master-service.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'

class FakePublisher {
  master = true
  time = 1_000
  accepted = emptyClusterState('test')
  readonly published: ClusterState[] = []
  private done: ((outcome: ClusterState | Error) => void) | null = null
  readonly service = new MasterService({
    now: () => this.time,
    isMaster: () => this.master,
    lastAccepted: () => this.accepted,
    publish: (next, _base, done) => {
      this.published.push(next)
      this.done = done
    },
  })

  commit(): void {
    const done = this.done!
    this.done = null
    this.accepted = this.published.at(-1)!
    done(this.accepted)
  }

  fail(error: Error): void {
    const done = this.done!
    this.done = null
    done(error)
  }
}

const bump = (state: ClusterState): ClusterState => ({ ...state, version: state.version + 1 })
const settled = async (promise: Promise<ClusterState>): Promise<string> =>
  promise.then(
    (state) => `resolved v${state.version}`,
    (error: Error) => `rejected: ${error.message}`,
  )

describe('MasterService', () => {
  it('lists the batch being published, then the waiting tasks, with insertion order and time in queue', async () => {
    const fake = new FakePublisher()
    expect(fake.service.pendingTasks()).toEqual([])
    const first = fake.service.submit('create-index [a]', bump)
    fake.time += 40
    const second = fake.service.submit('put-mapping [a]', bump)
    fake.time += 2
    expect(fake.service.pendingTasks()).toEqual([
      { insertOrder: 0, source: 'create-index [a]', executing: true, timeInQueueMillis: 42 },
      { insertOrder: 1, source: 'put-mapping [a]', executing: false, timeInQueueMillis: 2 },
    ])
    fake.commit()
    await first
    expect(fake.service.pendingTasks()).toEqual([
      { insertOrder: 1, source: 'put-mapping [a]', executing: true, timeInQueueMillis: 2 },
    ])
    fake.commit()
    await second
    expect(fake.service.pendingTasks()).toEqual([])
  })

  it('publishes one batch at a time; tasks submitted meanwhile form the next batch, in order', async () => {
    const fake = new FakePublisher()
    const first = fake.service.submit('a', bump)
    const order: string[] = []
    const second = fake.service.submit('b', (s) => (order.push('b'), bump(s)))
    const third = fake.service.submit('c', (s) => (order.push('c'), bump(bump(s))))
    expect(fake.published.map((s) => s.version)).toEqual([1])
    fake.commit()
    expect(await settled(first)).toBe('resolved v1')
    expect(order).toEqual(['b', 'c'])
    expect(fake.published.map((s) => s.version)).toEqual([1, 4])
    fake.commit()
    expect([await settled(second), await settled(third)]).toEqual(['resolved v4', 'resolved v4'])
  })

  it('rejects a throwing task alone and publishes the rest of its batch', async () => {
    const fake = new FakePublisher()
    const blocker = fake.service.submit('blocker', bump)
    const bad = fake.service.submit('bad', () => {
      throw new Error('index already exists')
    })
    const good = fake.service.submit('good', bump)
    fake.commit()
    await blocker
    expect(await settled(bad)).toBe('rejected: index already exists')
    fake.commit()
    expect(await settled(good)).toBe('resolved v2')
  })

  it('a failed publication rejects its batch and starts no other (the master then steps down)', async () => {
    const fake = new FakePublisher()
    const lost = fake.service.submit('lost', bump)
    const waiting = fake.service.submit('waiting', bump)
    fake.fail(new Error('publication of version 1 failed'))
    expect(await settled(lost)).toBe('rejected: publication of version 1 failed')
    expect(fake.published).toHaveLength(1)
    fake.master = false
    fake.service.failAll(new Error('no longer master: publication failed'))
    expect(await settled(waiting)).toBe('rejected: no longer master: publication failed')
  })

  it('stepping down fails the batch being published and every waiting task, once', async () => {
    const fake = new FakePublisher()
    const publishing = fake.service.submit('publishing', bump)
    const waiting = fake.service.submit('waiting', bump)
    fake.master = false
    fake.service.failAll(new Error('no longer master'))
    expect([await settled(publishing), await settled(waiting)]).toEqual([
      'rejected: no longer master',
      'rejected: no longer master',
    ])
    // The cancelled publication's late outcome settles nothing twice and starts nothing.
    fake.commit()
    expect(fake.published).toHaveLength(1)
    const later = fake.service.submit('later', bump)
    expect(fake.published).toHaveLength(1)
    fake.master = true
    fake.service.runBatch()
    expect(fake.published).toHaveLength(2)
    fake.commit()
    expect(await settled(later)).toBe('resolved v2')
  })
})

// A job's activity (job-activity.ts): what its tool tells about its own end reaches `wait` through follow(): the
// latest report at once, then each later one, until it stops following; the job's signal reports both kinds.
import { describe, expect, it } from 'vitest'
import { JobActivity, JobSignal } from '../../../../workers/tools/shell/job-activity.ts'

describe('JobActivity', () => {
  it('tells a new follower the latest report, then each later one until it stops following', () => {
    const activity = new JobActivity()
    activity.report(300)
    activity.report(200)
    const heard: number[] = []
    const unfollow = activity.follow((atMs) => heard.push(atMs))
    activity.report(400)
    unfollow()
    activity.report(500)
    expect(heard).toEqual([300, 400])
  })

  it('tells a follower nothing before the first report', () => {
    const heard: number[] = []
    new JobActivity().follow((atMs) => heard.push(atMs))
    expect(heard).toEqual([])
  })
})

describe('JobSignal', () => {
  it("reports its tool's announced ends and progress to the job's activity, and is still the job's signal", () => {
    const activity = new JobActivity()
    const signal = new JobSignal(activity)
    signal.endsBy(1_000)
    signal.progressed(700)
    const heard: number[] = []
    activity.follow((atMs) => heard.push(atMs))
    expect(heard).toEqual([1_000])
    signal.fire(15)
    expect([signal.interrupted, signal.signal]).toEqual([true, 15])
  })
})

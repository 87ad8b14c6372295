// The job table's numbering, jobspecs and lines (bash's jobs.c: a new job takes one more than the highest
// number in use; `%+`/`%%` the newest, `%-` the one before; `[1]+  Running                 cmd &`), and the
// command text a job shows.
import { describe, expect, it } from 'vitest'
import { JobTable, type Job } from '../../../../workers/tools/shell/jobs.ts'
import { jobText } from '../../../../workers/tools/shell/job-runner.ts'
import { JobActivity } from '../../../../workers/tools/shell/job-activity.ts'

function add(table: JobTable, text: string): Job {
  const { number, pid } = table.reserve()
  const job: Job = {
    number,
    pid,
    text,
    kill: () => undefined,
    ended: new Promise(() => undefined),
    activity: new JobActivity(),
  }
  table.add(job)
  return job
}

describe('JobTable', () => {
  it('numbers a new job one above the highest in use, and pids count up', () => {
    const table = new JobTable()
    const first = add(table, 'sleep 1')
    const second = add(table, 'sleep 2')
    table.remove(second, 0)
    const third = add(table, 'sleep 3')
    expect([first.number, second.number, third.number]).toEqual([1, 2, 2])
    expect([first.pid, second.pid, third.pid]).toEqual([1001, 1002, 1003])
    table.remove(first, 143)
    expect(add(table, 'sleep 4').number).toBe(3)
    expect(table.endedStatus(1001)).toBe(143)
    expect(table.endedStatus(1005)).toBeUndefined()
  })

  it('finds jobs by jobspec as get_job_spec does', () => {
    const table = new JobTable()
    const consumer = add(table, 'kafka-console-consumer.sh --topic orders')
    const sleep = add(table, 'sleep 100')
    expect(table.find('%1')).toBe(consumer)
    expect(table.find('2')).toBe(sleep)
    for (const current of ['%', '%%', '%+']) expect(table.find(current)).toBe(sleep)
    expect(table.find('%-')).toBe(consumer)
    expect(table.find('%kafka')).toBe(consumer)
    expect(table.find('%?ORDERS')).toBe(consumer)
    expect(table.find('%3')).toBe('%3: no such job')
    expect(table.find('%s')).toBe(sleep)
    add(table, 'sleep 200')
    expect(table.find('%s')).toBe('s: ambiguous job spec')
  })

  it('prints jobs lines with the status padded to 24 columns and the current and previous marks', () => {
    const table = new JobTable()
    const first = add(table, 'sleep 1')
    const second = add(table, 'sleep 2')
    const third = add(table, 'sleep 3')
    expect(table.line(first, null)).toBe('[1]   Running                 sleep 1 &\n')
    expect(table.line(second, null, true)).toBe('[2]-  1002 Running                 sleep 2 &\n')
    expect(table.line(third, { exitCode: 0, killedBy: null })).toBe('[3]+  Done                    sleep 3\n')
    expect(table.line(third, { exitCode: 143, killedBy: null })).toBe(
      '[3]+  Exit 143                sleep 3\n',
    )
    expect(table.line(third, { exitCode: 143, killedBy: 15 })).toBe('[3]+  Terminated              sleep 3\n')
  })
})

describe('jobText', () => {
  it('shows the command on one line without its & and a comment after it', () => {
    expect(jobText('sleep 5 &')).toBe('sleep 5')
    expect(jobText('sleep 5& # later')).toBe('sleep 5')
    expect(jobText(`echo 'a  b'   "c  d" &`)).toBe(`echo 'a  b' "c  d"`)
    expect(jobText('kafka-console-consumer.sh \\\n    --topic t &')).toBe(
      'kafka-console-consumer.sh --topic t',
    )
  })
})

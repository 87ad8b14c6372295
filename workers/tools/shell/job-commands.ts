/**
 * bash's job control builtins over the session's JobTable (jobs.ts), with bash's texts and statuses
 * (builtins/jobs.def, wait.def, kill.def; errors through builtin_error: `bash: kill: %3: no such job`):
 * - `jobs [-l | -p] [jobspec ..]`: one line per running job (`-l` with its pid, `-p` the pid alone).
 * - `wait [id ..]`: waits for the jobs named by jobspec or pid (none: every job; status 0), returning the last
 *   one's status (a pid of a job that already ended: its remembered status), 127 for an id that names no job;
 *   Ctrl+C ends the wait with 130, the jobs go on. What a job's tool tells about its own end is the wait's own
 *   (Interrupt.endsBy), so the scenario runner's idle Ctrl+C comes no sooner than it would on the job's tool.
 * - `kill [-s sigspec | -n signum | -sigspec] pid | jobspec ..`: delivers SIGTERM (or the signal given) to
 *   each job. The playground's processes are its jobs, so a pid that is no job's is `No such process`.
 */
import { interruptExitCode, type Interrupt, type ToolOutput } from '../tool.ts'
import { SIGTERM } from '../process-signal.ts'
import type { Job, JobEnd, JobTable } from './jobs.ts'

type JobCommand = (
  args: readonly string[],
  out: ToolOutput,
  jobs: JobTable,
  interrupt: Interrupt,
) => Promise<number>

const KILL_USAGE =
  'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]'
const JOBS_USAGE = 'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]'

/** Linux's signal numbers for the names kill takes (with or without SIG, in any case). */
const SIGNALS: ReadonlyMap<string, number> = new Map([
  ['HUP', 1],
  ['INT', 2],
  ['QUIT', 3],
  ['ILL', 4],
  ['TRAP', 5],
  ['ABRT', 6],
  ['BUS', 7],
  ['FPE', 8],
  ['KILL', 9],
  ['USR1', 10],
  ['SEGV', 11],
  ['USR2', 12],
  ['PIPE', 13],
  ['ALRM', 14],
  ['TERM', 15],
  ['CHLD', 17],
  ['CONT', 18],
  ['STOP', 19],
  ['TSTP', 20],
  ['TTIN', 21],
  ['TTOU', 22],
])
/**
 * The signals a playground job can be sent: each ends it (jobs cannot be stopped and continued); 0 only
 * checks that the job exists.
 */
const DELIVERED = new Set([0, 1, 2, 9, 15])

/** decode_signal: a number or a name; null when there is no such signal. */
function decodeSignal(spec: string): number | null {
  if (/^\d+$/.test(spec)) {
    const number = Number(spec)
    return number === 0 || [...SIGNALS.values()].includes(number) ? number : null
  }
  const name = spec.toUpperCase().replace(/^SIG/, '')
  return SIGNALS.get(name) ?? null
}

function signalName(number: number): string {
  return `SIG${[...SIGNALS].find(([, n]) => n === number)?.[0] ?? number}`
}

const jobsCommand: JobCommand = (args, out, jobs) => {
  let long = false
  let pids = false
  const specs: string[] = []
  for (const arg of args) {
    if (arg === '-l') long = true
    else if (arg === '-p') pids = true
    else if (arg.startsWith('-') && arg !== '-') {
      out.stderr(`bash: jobs: ${arg}: invalid option\n${JOBS_USAGE}\n`)
      return Promise.resolve(2)
    } else specs.push(arg)
  }
  let status = 0
  const listed: Job[] = []
  for (const spec of specs) {
    const job = jobs.find(spec)
    if (typeof job === 'string') {
      out.stderr(`bash: jobs: ${job}\n`)
      status = 1
    } else listed.push(job)
  }
  for (const job of specs.length > 0 ? listed : jobs.list()) {
    out.stdout(pids ? `${job.pid}\n` : jobs.line(job, null, long))
  }
  return Promise.resolve(status)
}

/**
 * The job's end, or null when the wait is interrupted first. While it waits, what the job's tool tells about its
 * own end (job-activity.ts) is the wait's own: the scenario runner's idle Ctrl+C waits for it as for the tool.
 */
async function untilEnded(job: Job, interrupt: Interrupt): Promise<JobEnd | null> {
  const unfollow = job.activity.follow((atMs) => interrupt.endsBy?.(atMs))
  try {
    return await Promise.race([job.ended, interrupt.whenInterrupted.then(() => null)])
  } finally {
    unfollow()
  }
}

const waitCommand: JobCommand = async (args, out, jobs, interrupt) => {
  if (args.length === 0) {
    for (const job of jobs.list()) {
      if ((await untilEnded(job, interrupt)) === null) return interruptExitCode(interrupt)
    }
    return 0
  }
  let status = 0
  for (const arg of args) {
    const pid = /^\d+$/.test(arg) ? Number(arg) : null
    const job =
      pid !== null
        ? (jobs.findPid(pid) ?? jobs.endedStatus(pid) ?? `pid ${arg} is not a child of this shell`)
        : arg.startsWith('%')
          ? jobs.find(arg)
          : `\`${arg}': not a pid or valid job spec`
    if (typeof job === 'string') {
      out.stderr(`bash: wait: ${job}\n`)
      status = 127
    } else if (typeof job === 'number') status = job
    else {
      const end = await untilEnded(job, interrupt)
      if (end === null) return interruptExitCode(interrupt)
      status = end.exitCode
    }
  }
  return status
}

const killCommand: JobCommand = (args, out, jobs) => {
  let signal = SIGTERM
  let rest = [...args]
  const first = rest[0]
  if (first === '-s' || first === '-n') {
    const spec = rest[1]
    if (spec === undefined) {
      out.stderr(`bash: kill: ${first}: option requires an argument\n`)
      return Promise.resolve(1)
    }
    const decoded = decodeSignal(spec)
    if (decoded === null) return invalidSignal(out, spec)
    signal = decoded
    rest = rest.slice(2)
  } else if (first !== undefined && first.startsWith('-') && first !== '--') {
    const decoded = decodeSignal(first.slice(1))
    if (decoded === null) return invalidSignal(out, first.slice(1))
    signal = decoded
    rest = rest.slice(1)
  }
  if (rest[0] === '--') rest = rest.slice(1)
  if (rest.length === 0) {
    out.stderr(`${KILL_USAGE}\n`)
    return Promise.resolve(2)
  }
  if (!DELIVERED.has(signal)) {
    out.stderr(
      `[playground] kill: ${signalName(signal)}: the playground's jobs take only SIGHUP, SIGINT, SIGKILL and SIGTERM\n`,
    )
    return Promise.resolve(1)
  }
  let succeeded = false
  for (const arg of rest) {
    const job = arg.startsWith('%')
      ? jobs.find(arg)
      : /^\d+$/.test(arg)
        ? (jobs.findPid(Number(arg)) ?? `(${arg}) - No such process`)
        : `${arg}: arguments must be process or job IDs`
    if (typeof job === 'string') out.stderr(`bash: kill: ${job}\n`)
    else {
      if (signal !== 0) job.kill(signal)
      succeeded = true
    }
  }
  return Promise.resolve(succeeded ? 0 : 1)
}

function invalidSignal(out: ToolOutput, spec: string): Promise<number> {
  out.stderr(`bash: kill: ${spec}: invalid signal specification\n`)
  return Promise.resolve(1)
}

export const JOB_COMMANDS: ReadonlyMap<string, JobCommand> = new Map([
  ['jobs', jobsCommand],
  ['wait', waitCommand],
  ['kill', killCommand],
])

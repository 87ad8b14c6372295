/**
 * The shell session's job table, as an interactive bash keeps it (jobs.c): each command started with `&`
 * is a job with a number and a process id until it ends. Numbers: a new job takes one more than the highest
 * number in use (1 when none runs), as bash does. PIDs are made up: the session's jobs count up from
 * FIRST_PID, so a scenario replays with the same ones. The current job (`%+`, `%%`, shown `+`) is the newest
 * running job, the previous one (`%-`, shown `-`) the one before it. A job leaves the table when it ends,
 * once its end has been reported (bash's notification, job-runner.ts); its exit status stays known by pid,
 * as bash keeps the statuses of its ended background processes for `wait PID`.
 *
 * Texts are bash's: `[1] 1001` when a job starts (describe_pid), `[1]+  Running                 cmd &`
 * (pretty_print_job and print_pipeline: the status padded to LONGEST_SIGNAL_DESC, 24 columns), `Done`,
 * `Exit N`, or the signal's strsignal text (`Terminated`) when it ends.
 */
import type { JobActivity } from './job-activity.ts'

export const FIRST_PID = 1001
const STATUS_COLUMNS = 24

/** How a job ended: its exit status, and the signal that killed it when it did not exit by itself. */
export interface JobEnd {
  exitCode: number
  killedBy: number | null
}

export interface Job {
  readonly number: number
  readonly pid: number
  /** The command as `jobs` shows it: one line, without the `&`. */
  readonly text: string
  /** Delivers a signal to the job's process (`kill`). */
  readonly kill: (signal: number) => void
  /** Resolves when the job ends (never rejects). */
  readonly ended: Promise<JobEnd>
  /** What the job's tool told about its own end, for `wait` (job-activity.ts). */
  readonly activity: JobActivity
}

/** strsignal's texts (glibc) for the signals the playground delivers. */
const SIGNAL_TEXTS: ReadonlyMap<number, string> = new Map([
  [1, 'Hangup'],
  [2, 'Interrupt'],
  [9, 'Killed'],
  [15, 'Terminated'],
])

/** A job's status word as `jobs` and the end notification print it. */
export function jobStatus(end: JobEnd | null): string {
  if (end === null) return 'Running'
  if (end.killedBy !== null) return SIGNAL_TEXTS.get(end.killedBy) ?? `Signal ${end.killedBy}`
  return end.exitCode === 0 ? 'Done' : `Exit ${end.exitCode}`
}

export class JobTable {
  /** The running jobs, oldest first. */
  private readonly running: Job[] = []
  private nextPid = FIRST_PID
  /** `$!`: the process id of the newest job started, or null before the first. */
  lastPid: number | null = null
  /** The exit statuses of the jobs that ended, by pid: `wait PID` still answers them (bash's bgp list). */
  private readonly ended = new Map<number, number>()

  /** The number and pid the next job takes; `add` must follow before anything else runs. */
  reserve(): { number: number; pid: number } {
    const number = Math.max(0, ...this.running.map((job) => job.number)) + 1
    const pid = this.nextPid++
    this.lastPid = pid
    return { number, pid }
  }

  add(job: Job): void {
    this.running.push(job)
  }

  /** Takes an ended job out of the table, keeping its exit status for `wait PID`. */
  remove(job: Job, exitCode: number): void {
    const at = this.running.indexOf(job)
    if (at >= 0) this.running.splice(at, 1)
    this.ended.set(job.pid, exitCode)
  }

  /** The exit status of an ended job's pid, or undefined when no job of this session had it. */
  endedStatus(pid: number): number | undefined {
    return this.ended.get(pid)
  }

  /** The running jobs in number order. */
  list(): Job[] {
    return [...this.running].sort((a, b) => a.number - b.number)
  }

  /** `+` for the current job, `-` for the previous one, a blank for the others. */
  marker(job: Job): string {
    const at = this.running.indexOf(job)
    const fromNewest = this.running.length - 1 - at
    return at < 0 ? ' ' : fromNewest === 0 ? '+' : fromNewest === 1 ? '-' : ' '
  }

  /**
   * The job a jobspec names (get_job_spec: `%1`, `%%`, `%+`, `%`, `%-`, `%name` for the job whose command
   * starts with name, `%?text` for the one whose command contains text in any case; the `%` may be left out,
   * as `jobs 1` allows), or bash's complaint without the `bash: cmd: ` (`%3: no such job`; get_job_by_name's
   * `name: ambiguous job spec`, naming the word without its `%`).
   */
  find(spec: string): Job | string {
    const key = spec.startsWith('%') ? spec.slice(1) : spec
    const newest = (back: number): Job | undefined => this.running[this.running.length - 1 - back]
    let found: Job | undefined
    if (key === '' || key === '%' || key === '+') found = newest(0)
    else if (key === '-') found = newest(1)
    else if (/^\d+$/.test(key)) found = this.running.find((job) => job.number === Number(key))
    else {
      const text = key.startsWith('?') ? key.slice(1).toLowerCase() : key
      const matches = this.running.filter((job) =>
        key.startsWith('?') ? job.text.toLowerCase().includes(text) : job.text.startsWith(text),
      )
      if (matches.length > 1) return `${text}: ambiguous job spec`
      found = matches[0]
    }
    return found ?? `${spec}: no such job`
  }

  findPid(pid: number): Job | undefined {
    return this.running.find((job) => job.pid === pid)
  }

  /** One `jobs` line; `long` adds the pid (`jobs -l`). */
  line(job: Job, end: JobEnd | null, long = false): string {
    const status = jobStatus(end)
    const pid = long ? String(job.pid).padStart(5) : ''
    const tail = end === null ? ' &' : ''
    return `[${job.number}]${this.marker(job)} ${pid} ${status.padEnd(STATUS_COLUMNS)}${job.text}${tail}\n`
  }
}

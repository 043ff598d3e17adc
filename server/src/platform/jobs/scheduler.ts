import type { Config } from '../../config.js';
import type { Clock, Db } from '../context.js';
import type { Notifier } from '../notify/notifier.js';

/** What a job runs with: no request and no user — jobs act as the system of each organisation. */
export interface JobDeps {
  db: Db;
  clock: Clock;
  config: Config;
  notifier: Notifier;
}

/**
 * A background job. `run` must be safe when several server processes run it at the
 * same moment: each unit of work is claimed with a conditional update (`… where
 * x is null`) and done only by the caller whose update changed the row.
 */
export interface Job {
  name: string;
  run(deps: JobDeps): Promise<unknown>;
}

const registry = new Map<string, Job>();

/** Registers (or replaces, by name) a job; modules call this when their routes are registered. */
export function registerJob(job: Job): void {
  registry.set(job.name, job);
}

export function registeredJobs(): Job[] {
  return [...registry.values()];
}

/** Told about every job run of every scheduler in the process (the metrics endpoint counts them). */
export type JobRunObserver = (job: string, seconds: number, ok: boolean) => void;

const observers = new Set<JobRunObserver>();

/** Subscribes to job runs; returns the unsubscribe function. */
export function observeJobRuns(observer: JobRunObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export interface Logger {
  info(msg: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface Scheduler {
  /** begins ticking every `intervalMs` (the first tick right away) */
  start(): void;
  /** stops ticking and waits for a tick in progress */
  stop(): Promise<void>;
  /** runs every job once, in registration order; one job's failure does not stop the others */
  tick(): Promise<void>;
}

/**
 * A small interval runner. Ticks never overlap within a process (a slow tick makes the
 * next one wait for the following interval); across processes the jobs' own claims keep
 * the work single. The interval is wall-clock pacing; the jobs read business time from
 * `deps.clock`.
 */
export function createScheduler(deps: JobDeps, opts: { intervalMs: number; log: Logger; jobs?: () => Job[] }): Scheduler {
  const jobs = opts.jobs ?? registeredJobs;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function tick(): Promise<void> {
    for (const job of jobs()) {
      if (stopped) return;
      const started = performance.now();
      let ok = true;
      try {
        await job.run(deps);
      } catch (err) {
        ok = false;
        opts.log.error(err, `job ${job.name} failed`);
      }
      const seconds = (performance.now() - started) / 1000;
      for (const observe of observers) observe(job.name, seconds, ok);
    }
  }

  function fire(): void {
    if (running || stopped) return;
    running = tick().finally(() => {
      running = null;
    });
  }

  return {
    start() {
      if (timer || stopped) return;
      opts.log.info(`scheduler: ${jobs().length} job(s) every ${Math.round(opts.intervalMs / 1000)} s`);
      fire();
      timer = setInterval(fire, opts.intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    tick,
  };
}

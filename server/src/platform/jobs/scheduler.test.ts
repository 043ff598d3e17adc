import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Clock, systemClock } from '../context.js';
import { createScheduler, type Job, type JobDeps, observeJobRuns, registeredJobs, registerJob } from './scheduler.js';

const deps = { clock: systemClock as Clock } as JobDeps;
const log = () => ({ info: vi.fn(), error: vi.fn() });

describe('scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('runs every job in order each tick, and one failing job does not stop the others', async () => {
    const ran: string[] = [];
    const jobs: Job[] = [
      { name: 'a', run: async () => ran.push('a') },
      {
        name: 'b',
        run: async () => {
          throw new Error('boom');
        },
      },
      { name: 'c', run: async () => ran.push('c') },
    ];
    const l = log();
    const s = createScheduler(deps, { intervalMs: 1000, log: l, jobs: () => jobs });
    await s.tick();
    expect(ran).toEqual(['a', 'c']);
    expect(l.error).toHaveBeenCalledWith(expect.any(Error), 'job b failed');
  });

  it('ticks on the interval without overlapping a slow tick, and stop waits for the tick in progress', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let release: () => void = () => {};
    const slow: Job = {
      name: 'slow',
      run: () => {
        runs++;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    };
    const s = createScheduler(deps, { intervalMs: 1000, log: log(), jobs: () => [slow] });
    s.start();
    expect(runs).toBe(1); // the first tick right away
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(1); // still busy: no second tick on top
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    const stopped = s.stop();
    let done = false;
    void stopped.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(2);
  });

  it('tells observers about each run, failed or not, until they unsubscribe', async () => {
    const runs: [string, boolean][] = [];
    const unobserve = observeJobRuns((job, seconds, ok) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      runs.push([job, ok]);
    });
    const jobs: Job[] = [
      { name: 'fine', run: async () => null },
      {
        name: 'failing',
        run: async () => {
          throw new Error('boom');
        },
      },
    ];
    const s = createScheduler(deps, { intervalMs: 1000, log: log(), jobs: () => jobs });
    await s.tick();
    unobserve();
    await s.tick();
    expect(runs).toEqual([
      ['fine', true],
      ['failing', false],
    ]);
  });

  it('keeps one job per name in the registry', () => {
    const before = registeredJobs().length;
    registerJob({ name: 'test.same', run: async () => 1 });
    registerJob({ name: 'test.same', run: async () => 2 });
    expect(registeredJobs().length).toBe(before + 1);
  });
});

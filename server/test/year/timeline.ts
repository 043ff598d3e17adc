/**
 * The year as a queue of steps in time order: each step sets the shared clock to its
 * instant and then calls the services, so every record is written "at" the moment it
 * happened and the jobs (deadlines, occurrences, auto-acceptance) run between them as
 * the scheduler would. A step may queue later steps (the next step of the same order).
 * Steps due after the end are dropped: what they would have done is still open then.
 */
export interface SettableClock {
  now(): Date;
  set(iso: string): void;
}

interface Entry {
  at: number;
  seq: number;
  label: string;
  run: () => Promise<void>;
}

export class Timeline {
  private heap: Entry[] = [];
  private seq = 0;
  /** steps run, by label (the first word of the label) */
  readonly ran = new Map<string, number>();
  dropped = 0;

  constructor(
    private readonly clock: SettableClock,
    /** nothing at or after this instant runs */
    readonly end: number,
  ) {}

  at(when: number | Date, label: string, run: () => Promise<void>): void {
    const at = typeof when === 'number' ? when : when.getTime();
    if (at >= this.end) {
      this.dropped++;
      return;
    }
    this.push({ at, seq: this.seq++, label, run });
  }

  size(): number {
    return this.heap.length;
  }

  /** the instant of the step being run (or the last one) */
  now(): number {
    return this.clock.now().getTime();
  }

  async run(): Promise<void> {
    for (let e = this.pop(); e; e = this.pop()) {
      // the clock never goes back: a step queued "now" for a moment already passed runs now
      const at = Math.max(e.at, this.clock.now().getTime());
      this.clock.set(new Date(at).toISOString());
      try {
        await e.run();
      } catch (err) {
        throw new Error(`year generator: step "${e.label}" at ${new Date(at).toISOString()} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      const kind = e.label.split(' ')[0] as string;
      this.ran.set(kind, (this.ran.get(kind) ?? 0) + 1);
    }
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i] as Entry, h[p] as Entry)) break;
      [h[i], h[p]] = [h[p] as Entry, h[i] as Entry];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!h.length || !last) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l] as Entry, h[m] as Entry)) m = l;
      if (r < h.length && less(h[r] as Entry, h[m] as Entry)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
      i = m;
    }
    return top;
  }
}

const less = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

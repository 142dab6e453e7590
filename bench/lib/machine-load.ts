/**
 * How much CPU other processes took while the benchmark ran. The machine is shared (2 cores; test suites and other
 * benchmarks may run at the same time), and a busy neighbour shows up as noise in every figure, so each phase reports
 * it, and a phase waits (briefly) for the machine to calm down before it starts.
 *
 * Linux only (/proc): machine-wide busy time from /proc/stat, minus the CPU time of this process and its descendants
 * from /proc/<pid>/stat. Elsewhere it reports nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function machineBusyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return total - (fields[3] ?? 0) - (fields[4] ?? 0); // minus idle and iowait
}

/** CPU ticks of `root` and every process below it (the benchmark's own children), per pid. */
function treeTicks(root: number): Map<number, number> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(entry), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // exited while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === root) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const ticks = new Map<number, number>();
  for (const [pid, info] of procs) if (inTree(pid)) ticks.set(pid, info.ticks);
  return ticks;
}

export class MachineLoad {
  private readonly supported = existsSync('/proc/stat');
  private last = { at: Date.now(), busy: 0, ours: new Map<number, number>() };
  private readonly timer: NodeJS.Timeout | null;
  private otherTicks = 0;
  private elapsedMs = 0;

  constructor() {
    if (this.supported) this.last = { at: Date.now(), busy: machineBusyTicks(), ours: treeTicks(process.pid) };
    // Sampled every second, so a child that lives and exits between two phase marks is still counted as ours.
    this.timer = this.supported ? setInterval(() => this.sample(), 1000).unref() : null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Cores used by other processes since the previous call (or construction); NaN where /proc is missing. */
  sample(): number {
    if (!this.supported) return Number.NaN;
    const now = { at: Date.now(), busy: machineBusyTicks(), ours: treeTicks(process.pid) };
    let ours = 0;
    for (const [pid, ticks] of now.ours) ours += ticks - (this.last.ours.get(pid) ?? 0);
    // A child's last partial second goes with it when it exits: clamp, never negative.
    const other = Math.max(0, now.busy - this.last.busy - ours);
    const ms = now.at - this.last.at;
    this.last = now;
    this.otherTicks += other;
    this.elapsedMs += ms;
    return ms > 0 ? other / TICKS_PER_SECOND / (ms / 1000) : 0;
  }

  /** Mean cores used by other processes since the last `phaseMean` call. */
  phaseMean(): number {
    this.sample();
    const mean = this.elapsedMs > 0 ? this.otherTicks / TICKS_PER_SECOND / (this.elapsedMs / 1000) : Number.NaN;
    this.otherTicks = 0;
    this.elapsedMs = 0;
    return mean;
  }

  /** Waits until other processes use less than `cores` over a second, for at most `maxMs`; returns what it saw last. */
  async settle(cores = 0.3, maxMs = 20_000): Promise<number> {
    if (!this.supported) return Number.NaN;
    const until = Date.now() + maxMs;
    this.sample();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const other = this.sample();
      if (other < cores || Date.now() >= until) return other;
    }
  }
}

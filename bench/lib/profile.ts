/**
 * Reads a V8 `.cpuprofile` (`node --cpu-prof`) into self-time per function and per module group, so the results file
 * can say what dominates without anyone opening a profiler.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of samples in (idle) and (garbage collector), and in (program) (native work outside JS). */
  idleShare: number;
  gcShare: number;
  functions: SelfTime[];
  groups: SelfTime[];
  /** Every group's share of busy time (not cut to `top`), for sums such as "all of zod". */
  groupShares: Record<string, number>;
}

/** `src/http/client.ts`, `graphql`, `@whatwg-node/server`, `node:internal/…` → a short place name. */
function where(url: string): string {
  if (!url) return '(native)';
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const rest = url.slice(nodeModules + '/node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
    return pkg;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return url.replace(/^file:\/\//, '');
}

function groupOf(place: string): string {
  if (place.startsWith('src/')) return place.split('/').slice(0, 2).join('/');
  return place;
}

/** Microseconds on the clock V8's profiler stamps samples with (the monotonic clock, as `process.hrtime`). */
export function profilerClockUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time per function and per group. `window` (profiler-clock µs, see `profilerClockUs` in the profiled process)
 * keeps only the samples taken under load, leaving out start-up (module compilation) and the idle tail.
 */
export function summarizeProfile(file: string, top = 15, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, SelfTime>();
  const groups = new Map<string, SelfTime>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (frame.functionName === '(idle)') idle += us;
    if (frame.functionName === '(garbage collector)') gc += us;
    const place = where(frame.url);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${place}:${frame.lineNumber + 1}`;
    const fn = functions.get(key) ?? { name, where: frame.url ? `${place}:${frame.lineNumber + 1}` : place, ms: 0, share: 0 };
    fn.ms += us / 1000;
    functions.set(key, fn);
    const groupKey = frame.url ? groupOf(place) : name;
    const group = groups.get(groupKey) ?? { name: groupKey, where: '', ms: 0, share: 0 };
    group.ms += us / 1000;
    groups.set(groupKey, group);
  }
  const busyUs = totalUs - idle;
  const finish = (list: Iterable<SelfTime>) =>
    [...list]
      .filter((e) => e.name !== '(idle)')
      .map((e) => ({ ...e, share: busyUs > 0 ? (e.ms * 1000) / busyUs : 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return {
    totalMs: totalUs / 1000,
    idleShare: totalUs > 0 ? idle / totalUs : 0,
    gcShare: busyUs > 0 ? gc / busyUs : 0,
    functions: finish(functions.values()),
    groups: finish(groups.values()),
    groupShares: Object.fromEntries([...groups.values()].map((g) => [g.name, busyUs > 0 ? (g.ms * 1000) / busyUs : 0])),
  };
}

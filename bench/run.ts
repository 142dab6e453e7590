/**
 * `npm run bench`: every figure of the performance issue in one run (about 9–11 minutes on 2 cores), printed as a
 * table and written to bench/RESULTS.md, one section per phase (bench/results.ts `writeSection`).
 *
 * 1. bench/merged-walk.ts (walk efficiency; its own process and sandboxes) → G3 walk ratio, G4.
 * 2. One sandbox process for the rest, its latency knob set per phase; a fresh server process per variant.
 * 3. G1 + G3 connections (latency.ts), G2 (throughput.ts), G5 (memory.ts), fast paths (fastpaths.ts), CPU profiles
 *    (cpu-profile.ts), the Hive Gateway peer (peer.ts).
 * A phase that fails is reported and the others still run; the process exits non-zero then. Before each phase the run
 * waits (up to 20 s) for other processes on the machine to go quiet, and reports the CPU they took during it.
 */
import { runProfiles } from './cpu-profile.js';
import { runFastPaths } from './fastpaths.js';
import { latencyMarkdown, runLatency } from './latency.js';
import { startSandboxHost, stopLoadWorker } from './lib/children.js';
import { MachineLoad } from './lib/machine-load.js';
import { memoryMarkdown, runMemory } from './memory.js';
import { peerMarkdown, runPeer } from './peer.js';
import { recommendations } from './recommend.js';
import { fastPathsMarkdown, profileMarkdown } from './report.js';
import { writeSection } from './results.js';
import { summaryMarkdown, type AllFigures } from './summary.js';
import { runThroughput, throughputMarkdown } from './throughput.js';
import { runMergedWalk } from './walk.js';

const BUDGET_MS = 13 * 60_000;
const started = Date.now();
// A hung phase must not hold the machine: children exit when this process goes away.
setTimeout(() => {
  console.error('bench: over its time budget, stopping');
  process.exit(1);
}, BUDGET_MS).unref();

const figures: AllFigures = { seconds: 0, errors: [], neighbours: {} };
const machineLoad = new MachineLoad();
const log = (text: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);

writeSection('summary', '## Summary (`npm run bench` → bench/run.ts)\n\nRunning…');

async function phase<T>(name: string, run: () => Promise<T>, markdown?: (value: T) => string): Promise<T | undefined> {
  const waited = await machineLoad.settle();
  machineLoad.phaseMean();
  log(`${name}… (other processes: ${Number.isFinite(waited) ? waited.toFixed(2) : '?'} cores)`);
  try {
    const value = await run();
    figures.neighbours[name] = machineLoad.phaseMean();
    if (markdown) writeSection(name, markdown(value));
    log(`${name} done`);
    return value;
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? String(err)) : String(err);
    figures.errors.push(`${name}: ${message}`);
    writeSection(name, `## ${name}\n\n**Failed in this run:** \`${message.replace(/`/g, "'")}\``);
    log(`${name} FAILED: ${message}`);
    return undefined;
  }
}

figures.walk = await phase('merged-walk', runMergedWalk);
if (figures.walk && !figures.walk.ok) figures.errors.push(`merged-walk: ${figures.walk.error ?? 'failed'}`);

const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
try {
  figures.latency = await phase(
    'latency',
    () => runLatency(sandboxes),
    (v) => `## Latency and upstream requests (G1, G3)\n\n${latencyMarkdown(v)}`,
  );
  figures.throughput = await phase(
    'throughput',
    () => runThroughput(sandboxes),
    (v) => `## Throughput (G2)\n\n${throughputMarkdown(v)}`,
  );
  figures.memory = await phase(
    'memory',
    () => runMemory(sandboxes),
    (v) => `## Memory (G5)\n\n${memoryMarkdown(v)}`,
  );
  figures.fastPaths = await phase('fastpaths', () => runFastPaths(sandboxes), fastPathsMarkdown);
  figures.profiles = await phase('profile', () => runProfiles(sandboxes), profileMarkdown);
  figures.peer = await phase('peer', () => runPeer(sandboxes), peerMarkdown);
} finally {
  await stopLoadWorker();
  await sandboxes.stop();
}

machineLoad.stop();
figures.seconds = (Date.now() - started) / 1000;
const summary = summaryMarkdown(figures, recommendations(figures));
writeSection('summary', summary);
console.log(`\n${summary}`);
process.exit(figures.errors.length > 0 ? 1 : 0);

/**
 * Runs bench/merged-walk.ts (the walk-efficiency benchmark, which writes its own section) as a child process and
 * reads its figures back from its table: G3's full-walk request ratio and G4's fetched ÷ returned come from there.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeSection } from './results.js';

export interface WalkFigures {
  ok: boolean;
  seconds: number;
  walks: { direction: string; requestRatio: number; itemRatio: number }[];
  firstPageRatio: number;
  error?: string;
}

const SCRIPT = fileURLToPath(new URL('./merged-walk.ts', import.meta.url));
const TIMEOUT_MS = 300_000;

/** `**1.020**` → 1.02 for every bold number in a table row. */
function boldNumbers(line: string): number[] {
  return [...line.matchAll(/\*\*([0-9.]+)\*\*/g)].map((m) => Number(m[1]));
}

export async function runMergedWalk(): Promise<WalkFigures> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  const walks = stdout
    .split('\n')
    .filter((line) => /^\| (forward|backward) /.test(line))
    .map((line) => {
      const [requestRatio = Number.NaN, itemRatio = Number.NaN] = boldNumbers(line);
      return { direction: line.slice(2).split(' ')[0] as string, requestRatio, itemRatio };
    });
  const ratioLine = stdout.split('\n').find((line) => line.startsWith('| **ratio**'));
  const firstPageRatio = ratioLine ? (boldNumbers(ratioLine)[0] ?? Number.NaN) : Number.NaN;
  if (code === 0 && walks.length === 2) return { ok: true, seconds, walks, firstPageRatio };
  const error = (stderr.split('\n').find((l) => /^\s*[A-Za-z]*Error: /.test(l)) ?? `exit code ${code}`).trim();
  // Its own section would otherwise keep an older run's numbers, as if they came from this one.
  writeSection(
    'merged-walk',
    `## Merged connection: fetch efficiency and first-page latency (bench/merged-walk.ts)

**Failed in the run of ${new Date().toISOString().slice(0, 10)}** after ${seconds.toFixed(0)} s, so this run has no walk
figures: \`${error.replace(/`/g, "'")}\``,
  );
  return { ok: false, seconds, walks, firstPageRatio, error };
}

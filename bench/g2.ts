/**
 * G2 alone (`npx tsx bench/g2.ts`): bench/throughput.ts's runThroughput (merged second page from warm upstream pages ÷
 * bare yoga hello world, alternating closed-loop blocks) without the 13-minute `npm run bench`. With `G2_WRITE=1` it
 * also updates the throughput section of bench/RESULTS.md (an environment variable: the children parse argv).
 */
import { loadavg } from 'node:os';
import { startSandboxHost, stopLoadWorker } from './lib/children.js';
import { machine, writeSection } from './results.js';
import { runThroughput, throughputMarkdown } from './throughput.js';

const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
try {
  const figures = await runThroughput(sandboxes);
  const markdown = `## Throughput (G2)\n\nRun ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npx tsx bench/g2.ts\` on ${machine()}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min) at the end.\n\n${throughputMarkdown(figures)}`;
  console.log(markdown);
  if (process.env.G2_WRITE === '1') writeSection('throughput', markdown);
} finally {
  await stopLoadWorker();
  await sandboxes.stop();
}
// A child's handle can keep the loop alive after the run (seen with bench/peer.ts too).
process.exit(0);

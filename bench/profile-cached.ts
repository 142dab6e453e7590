/**
 * `npx tsx bench/profile-cached.ts`: bench/cpu-profile.ts's `cached` profile alone (createGateway, warm page cache,
 * merged second page, 16 connections): where the gateway's own CPU goes, without the full `npm run bench`.
 */
import { profileOne } from './cpu-profile.js';
import { startSandboxHost, stopLoadWorker } from './lib/children.js';

const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
try {
  const p = await profileOne(sandboxes, 'cached', { kind: 'gateway', cacheTtlMs: 300_000 });
  console.log(`${p.rps.toFixed(0)} req/s, ${p.cpuMsPerRequest.toFixed(2)} ms CPU per request, GC ${(p.summary.gcShare * 100).toFixed(1)} %; ${p.file}`);
  for (const f of p.summary.functions) console.log(`${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
  console.log(
    Object.entries(p.summary.groupShares)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`)
      .join(', '),
  );
} finally {
  await stopLoadWorker();
  await sandboxes.stop();
}
process.exit(0);

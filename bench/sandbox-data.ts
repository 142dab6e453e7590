/**
 * Sandbox data at scale (`npm run bench:sandbox-data`): generating 100,000 checkouts per provider and serving deep or
 * filtered pages of them, in CPU milliseconds of this process. These budgets used to be test assertions; timing
 * belongs here, where a loaded machine gives a slow number instead of a failed suite. Exits 1 when a budget is missed.
 */
import * as lemonData from '../src/providers/lemonsqueezy/sandbox/data.js';
import * as lemonServer from '../src/providers/lemonsqueezy/sandbox/server.js';
import * as statesetData from '../src/providers/stateset/sandbox/data.js';
import * as statesetServer from '../src/providers/stateset/sandbox/server.js';
import * as zenskarData from '../src/providers/zenskar/sandbox/data.js';
import * as zenskarServer from '../src/providers/zenskar/sandbox/server.js';
import type { SandboxHandler } from '../src/sandbox/harness.js';

const COUNT = 100_000;
const rows: { name: string; cpuMs: number; budgetMs: number }[] = [];

function timed<T>(name: string, budgetMs: number, work: () => T): T {
  const started = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(started);
  rows.push({ name, cpuMs: (used.user + used.system) / 1000, budgetMs });
  return result;
}

function get(handler: SandboxHandler, path: string, query: string, headers: Record<string, string>) {
  const response = handler({ method: 'GET', path, query: new URLSearchParams(query), headers }, { origin: 'http://sandbox.bench' });
  if (response.status !== 200) throw new Error(`${path}?${query} answered ${response.status}`);
  return response.body as Record<string, any>;
}

const zenskar = timed('Zenskar: generate 100,000 sessions', 1_500, () => zenskarData.createData({ count: COUNT, seed: 3 }));
const z = zenskarServer.createSandboxHandler(zenskar);
const zHeaders = { 'x-api-key': zenskarServer.ZENSKAR_SANDBOX_API_KEY, organisation: zenskar.organisationId };
get(z, '/checkout', 'limit=100', zHeaders); // builds the live indexes once
let cursor = get(z, '/checkout', 'limit=100', zHeaders).next as string;
for (let i = 0; i < 20; i++) cursor = get(z, '/checkout', `limit=100&cursor=${cursor}`, zHeaders).next as string;
timed('Zenskar: page 22 by cursor', 50, () => get(z, '/checkout', `limit=100&cursor=${cursor}`, zHeaders));
timed('Zenskar: oldest page (order=created_at)', 50, () => get(z, '/checkout', 'limit=100&order=created_at', zHeaders));
get(z, '/checkout', 'limit=100&checkout_session_status__in=open,closed&currency__in=USD', zHeaders);
timed('Zenskar: filtered page (index warm)', 50, () => get(z, '/checkout', 'limit=100&checkout_session_status__in=open,closed&currency__in=USD', zHeaders));

const stateset = timed('StateSet: generate 100,000 sessions', 2_000, () => statesetData.createData({ count: COUNT, seed: 3 }));
const s = statesetServer.createSandboxHandler(stateset);
const sHeaders = { authorization: `Bearer ${statesetServer.STATESET_SANDBOX_API_KEY}` };
timed('StateSet: 60 deep, status and email pages', 900, () => {
  const email = stateset.checkouts[50_000]!.buyer?.email ?? stateset.checkouts[50_001]!.buyer!.email;
  for (let i = 0; i < 20; i++) {
    const middle = stateset.checkouts[i * 4000]!;
    get(s, '/v1/checkouts', `limit=100&starting_after=${middle.id}`, sHeaders);
    get(s, '/v1/checkouts', `limit=100&status=completed&created_before=${encodeURIComponent(middle.created_at)}`, sHeaders);
    get(s, '/v1/checkouts', `limit=1&buyer_email=${encodeURIComponent(email)}&created_after=2025-06-01T00:00:00Z`, sHeaders);
  }
});

const lemon = timed('Lemon Squeezy: generate 100,000 checkouts', 2_000, () => lemonData.createData({ count: COUNT, seed: 5 }));
const l = lemonServer.createSandboxHandler(lemon);
const lHeaders = { authorization: `Bearer ${lemonServer.LEMON_SANDBOX_API_KEY}`, accept: 'application/vnd.api+json' };
timed('Lemon Squeezy: page 300 of one store, with includes', 100, () =>
  get(l, '/v1/checkouts', 'page[number]=300&page[size]=100&include=store,variant&filter[store_id]=41201', lHeaders),
);

let missed = 0;
for (const row of rows) {
  const over = row.cpuMs > row.budgetMs;
  if (over) missed++;
  console.log(`${over ? 'OVER' : 'ok  '} ${row.cpuMs.toFixed(1).padStart(8)} ms CPU (budget ${row.budgetMs}) ${row.name}`);
}
process.exit(missed > 0 ? 1 : 0);

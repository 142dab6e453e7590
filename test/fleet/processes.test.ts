/**
 * Three real gateway processes (`src/server.ts` under node with tsx, in live mode against the test's sandboxes) share
 * one Redis: a merged walk sent round-robin across them is exact both ways and costs one instance's upstream requests.
 * Fleet mode without CURSOR_SECRET refuses to start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/start-all.js';
import { TEST_CURSOR_SECRET } from '../helpers.js';
import { assertCoded, upstreamRequests } from './fleet.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  checkouts(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } }
  }
}`;

function sandboxEnv(sandboxes: Sandboxes): Record<string, string> {
  const { zenskar, stateset, lemonsqueezy } = sandboxes.configs;
  return {
    ZENSKAR_API_KEY: zenskar.apiKey,
    ZENSKAR_ORGANISATION: zenskar.organisation,
    ZENSKAR_BASE_URL: zenskar.baseUrl,
    STATESET_API_KEY: stateset.apiKey,
    STATESET_BASE_URL: stateset.baseUrl,
    LEMONSQUEEZY_API_KEY: lemonsqueezy.apiKey,
    LEMONSQUEEZY_BASE_URL: lemonsqueezy.baseUrl,
  };
}

function run(env: Record<string, string>): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = /GraphiQL at (http:\/\/[\d.:]+)\/graphql/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`gateway exited: ${output.slice(-500)}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, url, exit };
}

async function query(url: string, variables: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: PAGE, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { extensions?: Record<string, unknown> }[] };
  expect(assertCoded({ status: response.status, ...body })).toEqual([]);
  return body.data.checkouts;
}

describe('three gateway processes on one Redis', () => {
  let sandboxes: Sandboxes;
  let processes: ReturnType<typeof run>[] = [];
  let urls: string[];

  beforeAll(async () => {
    sandboxes = await startSandboxes({ count: 150, seed: 7 });
    const env = { ...sandboxEnv(sandboxes), CURSOR_SECRET: TEST_CURSOR_SECRET, REDIS_URL, REDIS_KEY_PREFIX: `test:${randomUUID()}:`, REDIS_TIMEOUT_MS: '2000' };
    processes = [run(env), run(env), run(env)];
    urls = await Promise.all(processes.map((p) => p.url));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(
      processes.map((p) => {
        if (p.child.exitCode === null) p.child.kill('SIGTERM');
        return p.exit;
      }),
    );
    await sandboxes?.close();
  });

  it("walks round-robin exactly both ways, at one instance's upstream cost", async () => {
    const before = upstreamRequests(sandboxes);
    const forward: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    for (let page = 0; ; page++) {
      const conn: any = await query(urls[page % 3]!, { first: 20, after: cursor });
      total = conn.totalCount;
      forward.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      cursor = conn.pageInfo.endCursor;
    }
    expect(forward.length).toBe(total);
    expect(new Set(forward).size).toBe(total);
    // 150 checkouts per provider in pages of 100: two upstream pages each, fetched once by the whole fleet, plus each
    // provider's short first page (page size + 1 items).
    expect(upstreamRequests(sandboxes) - before).toBeLessThanOrEqual(6 + 3);

    const backward: string[] = [];
    cursor = null;
    for (let page = 0; ; page++) {
      const conn: any = await query(urls[page % 3]!, { last: 17, before: cursor });
      backward.unshift(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasPreviousPage) break;
      cursor = conn.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('refuses to start in fleet mode without CURSOR_SECRET', async () => {
    const { exit } = run({ ...sandboxEnv(sandboxes), REDIS_URL });
    const { code, output } = await exit;
    expect(code).toBe(2);
    expect(output).toContain('CURSOR_SECRET: is required in fleet mode');
  });
});

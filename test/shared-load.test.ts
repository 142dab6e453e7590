/**
 * A shared in-flight upstream request survives the client that started it: two GraphQL clients ask for the same
 * upstream page through yoga.fetch; the first disconnects mid flight and the second still gets its data from the one
 * upstream request. When both disconnect, the sandbox sees that upstream request cancelled. Real time, with the
 * sandbox answering after a wide latency so the disconnects land mid flight on a loaded machine too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SandboxRequest } from '../src/sandbox/harness.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const LATENCY_MS = 2_000;
const QUERY = '{ zenskarCheckouts(first: 5) { edges { node { providerId } } } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ count: 50, cacheTtlMs: 0, providers: ['zenskar'], latencyMs: { zenskar: LATENCY_MS } });
});
afterAll(() => gw.close());

function ask(signal?: AbortSignal): Promise<Response> {
  return gw.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: QUERY }),
    ...(signal ? { signal } : {}),
  });
}

const listRequests = (): SandboxRequest[] => gw.sandboxes.zenskar.log.filter((r) => r.path === '/checkout');

/** Both clients are waiting on one upstream request: it reached the sandbox and the second call joined it. */
async function bothJoined(hitsBefore: number) {
  await vi.waitFor(
    () => {
      expect(listRequests()).toHaveLength(1);
      expect(gw.gateway.cache.hits).toBe(hitsBefore + 1);
    },
    { timeout: LATENCY_MS / 2, interval: 10 },
  );
}

describe('a shared upstream request', () => {
  it('still serves the second client when the first disconnects mid flight', async () => {
    gw.sandboxes.zenskar.log.length = 0;
    const hits = gw.gateway.cache.hits;
    const first = new AbortController();
    const firstAnswer = ask(first.signal)
      .then((r) => r.text())
      .catch((err: unknown) => err);
    const second = ask();
    await bothJoined(hits);
    first.abort();
    await firstAnswer;
    const response = await second;
    const body = (await response.json()) as { data?: { zenskarCheckouts: { edges: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.zenskarCheckouts.edges).toHaveLength(5);
    expect(listRequests()).toHaveLength(1);
    expect(listRequests()[0]).toMatchObject({ status: 200 });
    expect(listRequests()[0]?.aborted).toBeUndefined();
  });

  it('is cancelled upstream once both clients have gone, not before', async () => {
    gw.sandboxes.zenskar.log.length = 0;
    const hits = gw.gateway.cache.hits;
    const first = new AbortController();
    const second = new AbortController();
    const answers = [first, second].map((c) =>
      ask(c.signal)
        .then((r) => r.text())
        .catch((err: unknown) => err),
    );
    await bothJoined(hits);
    first.abort();
    await answers[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listRequests()[0]?.aborted).toBeUndefined();
    second.abort();
    await answers[1];
    await vi.waitFor(() => expect(listRequests()[0]?.aborted).toBe(true), { timeout: LATENCY_MS / 2, interval: 10 });
  });
});

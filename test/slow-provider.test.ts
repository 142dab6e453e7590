/**
 * The merged page with default settings (4.5 s soft deadline, 3 s without an answer, 15 s request deadline) against
 * the sandboxes, through yoga.fetch: a hung provider is cut off at 4.5 s (not 10–15 s), reported as UPSTREAM_TIMEOUT and
 * held so the walk goes on exactly; a provider answering in 2.5 s is waited for. Real time, so bounds are wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const QUERY = `query ($after: String) {
  checkouts(first: 10, after: $after) {
    edges { node { provider providerId } }
    pageInfo { hasNextPage endCursor }
    sources { provider status error { code } }
  }
}`;

interface Answer {
  ms: number;
  data: {
    checkouts: {
      edges: { node: { provider: ProviderName; providerId: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
      sources: { provider: ProviderName; status: string; error: { code: string } | null }[];
    };
  };
  errors?: { extensions?: Record<string, unknown> }[];
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ count: 100 });
});
afterAll(() => gw.close());

async function page(after: string | null): Promise<Answer> {
  const started = Date.now();
  const result = await gw.query(QUERY, { after });
  return { ms: Date.now() - started, ...(result as Omit<Answer, 'ms'>) };
}

describe('a slow or hung provider on the merged page (defaults)', () => {
  it('cuts a hung provider off at 4.5 s with UPSTREAM_TIMEOUT; the walk still delivers everything once', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let cut = 0;
    for (let pageNo = 0; ; pageNo++) {
      if (pageNo === 3) {
        gw.gateway.cache.clear();
        gw.sandboxes.zenskar.knobs.faults.push({ kind: 'hang' });
      }
      const answer = await page(after);
      if (pageNo === 3) {
        cut++;
        expect(answer.ms).toBeGreaterThanOrEqual(4_400);
        expect(answer.ms).toBeLessThan(9_000); // 10–15 s before: the headers timeout, then the request deadline
        expect(answer.data.checkouts.sources.find((s) => s.provider === 'ZENSKAR')).toEqual({
          provider: 'ZENSKAR',
          status: 'FAILED',
          error: { code: 'UPSTREAM_TIMEOUT' },
        });
        expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.provider])).toEqual([['UPSTREAM_TIMEOUT', 'ZENSKAR']]);
        expect(answer.data.checkouts.edges).toHaveLength(10);
      } else {
        expect(answer.data.checkouts.sources.every((s) => s.status === 'OK')).toBe(true);
      }
      ids.push(...answer.data.checkouts.edges.map((e) => `${e.node.provider}:${e.node.providerId}`));
      if (!answer.data.checkouts.pageInfo.hasNextPage) break;
      after = answer.data.checkouts.pageInfo.endCursor;
    }
    expect(cut).toBe(1);
    const total = (await gw.query('{ checkouts(first: 1) { totalCount } }')).data.checkouts.totalCount as number;
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
  }, 30_000);

  it('waits for a provider that answers in 2.5 s', async () => {
    gw.gateway.cache.clear();
    gw.sandboxes.stateset.knobs.latencyMs = 2_500;
    try {
      const answer = await page(null);
      expect(answer.ms).toBeGreaterThanOrEqual(2_400);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.checkouts.sources.map((s) => s.status)).toEqual(['OK', 'OK', 'OK']);
      expect(answer.data.checkouts.edges.some((e) => e.node.provider === 'STATESET')).toBe(true);
    } finally {
      gw.sandboxes.stateset.knobs.latencyMs = 0;
    }
  }, 30_000);
});

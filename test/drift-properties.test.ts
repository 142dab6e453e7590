/**
 * Tolerant reading, generated: take real sandbox pages, perturb one field path of one item (every path is a
 * candidate, every deviation kind a real API shows), serve the page through the sandbox and read it with the real
 * client. A descriptive path must never fail the page: normalised fields and order stay, the field reads as null or
 * as sent, and the deviation is recorded once. An essential path may fail it, and then names the item and the field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Checkout } from '../src/domain.js';
import { UpstreamError } from '../src/errors.js';
import { drift } from '../src/providers/drift.js';
import { LemonSqueezyClient } from '../src/providers/lemonsqueezy/client.js';
import { mapDocumentCheckouts } from '../src/providers/lemonsqueezy/map.js';
import { StateSetClient } from '../src/providers/stateset/client.js';
import { ZenskarClient } from '../src/providers/zenskar/client.js';
import { startSandboxes, type Sandboxes } from '../src/sandbox/start-all.js';
import {
  fieldPaths,
  getAt,
  PERTURBATION_KINDS,
  perturbedValue,
  shapePath,
  touchesEssential,
  withValueAt,
  addUnknownKeys,
  type JsonPath,
} from '../src/sandbox/perturb.js';

const RUNS = Number(process.env.DRIFT_RUNS ?? 150);
const NOW = '2026-11-01T00:00:00.000000Z';
const ONCE = { resilience: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { failureThreshold: 0, cooldownMs: 1 } } };
const NORMALISED = ['provider', 'providerId', 'status', 'providerStatus', 'currency', 'email', 'total', 'createdAt', 'updatedAt'] as const;

/** One item array of a page: where it is, what of it the provider relies on, and how drift paths name its fields. */
interface Part {
  key: string;
  essential: readonly string[];
  /** Drift paths are relative to the item, behind this prefix (Lemon's included resources name their type). */
  prefix(item: unknown): string;
  /** The read value of `path` inside item `index` of this part, when the test can find it. */
  readBack?(checkouts: Checkout[], index: number, path: JsonPath): unknown;
}

interface ProviderCase {
  name: 'ZENSKAR' | 'STATESET' | 'LEMON_SQUEEZY';
  parts: Part[];
  fetchPage(): Promise<unknown>;
  /** Serves `body` once from the sandbox and reads it with the real client. */
  read(body: unknown): Promise<Checkout[]>;
}

let sandboxes: Sandboxes;
const clients: { close(): Promise<void> }[] = [];

async function get(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  return response.json();
}

function cases(): ProviderCase[] {
  const { zenskar, stateset, lemonsqueezy } = sandboxes;
  const z = new ZenskarClient(zenskar.config, ONCE);
  const s = new StateSetClient(stateset.config, ONCE);
  const l = new LemonSqueezyClient(lemonsqueezy.config, ONCE);
  clients.push(z, s, l);
  let n = 0;
  const rawItem = (checkouts: Checkout[], index: number, path: JsonPath) => getAt(checkouts[index]?.raw, path);
  return [
    {
      name: 'ZENSKAR',
      parts: [
        {
          key: 'results',
          essential: [
            'id',
            'checkout_session_status',
            'currency',
            'contract.currency',
            'estimates.amount_due',
            'customer_data.email',
            'created_at',
            'updated_at',
            'last_activity_at',
          ],
          prefix: () => '',
          readBack: rawItem,
        },
      ],
      fetchPage: () =>
        get(`${zenskar.origin}/checkout?limit=12&order=-created_at`, {
          'x-api-key': zenskar.config.apiKey,
          organisation: zenskar.config.organisation,
        }),
      async read(body) {
        zenskar.knobs.faults.push({ kind: 'response', response: { status: 200, body } });
        return (await z.listPage({ limit: 100 + (n++ % 1000) })).results;
      },
    },
    {
      name: 'STATESET',
      parts: [
        {
          key: 'data',
          essential: ['id', 'status', 'currency', 'totals', 'buyer.email', 'created_at', 'updated_at'],
          prefix: () => '',
          readBack: rawItem,
        },
      ],
      fetchPage: () => get(`${stateset.origin}/v1/checkouts?limit=12`, { authorization: `Bearer ${stateset.config.apiKey}`, accept: 'application/json' }),
      async read(body) {
        stateset.knobs.faults.push({ kind: 'response', response: { status: 200, body } });
        return (await s.listPage({ limit: 100 + (n++ % 1000) })).data;
      },
    },
    {
      name: 'LEMON_SQUEEZY',
      parts: [
        {
          key: 'data',
          essential: [
            'id',
            'type',
            'attributes.store_id',
            'attributes.variant_id',
            'attributes.custom_price',
            'attributes.checkout_data.email',
            'attributes.expires_at',
            'attributes.created_at',
            'attributes.updated_at',
          ],
          prefix: () => '',
          readBack: rawItem,
        },
        {
          key: 'included',
          essential: ['id', 'type', 'attributes.currency', 'attributes.price'],
          prefix: (item) => ((item as { type?: string }).type === 'stores' ? 'store.' : 'variant.'),
        },
      ],
      fetchPage: () =>
        get(`${lemonsqueezy.origin}/v1/checkouts?include=store,variant&page[size]=12`, {
          authorization: `Bearer ${lemonsqueezy.config.apiKey}`,
          accept: 'application/vnd.api+json',
          'content-type': 'application/vnd.api+json',
        }),
      async read(body) {
        lemonsqueezy.knobs.faults.push({ kind: 'response', response: { status: 200, body } });
        const page = await l.listPage({ page: 1 + (n++ % 1000) });
        return mapDocumentCheckouts(page.data, page.included, NOW);
      },
    },
  ];
}

function normalised(checkouts: Checkout[]) {
  return checkouts.map((c) => Object.fromEntries(NORMALISED.map((k) => [k, c[k]])));
}

/** Reads every item's descriptive part (lazy reads run on first use, as a resolver would trigger them). */
function touch(checkouts: Checkout[]): void {
  for (const c of checkouts) void c.raw;
}

function isEmptyContainer(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (value !== null && typeof value === 'object' && Object.keys(value).length === 0);
}

beforeAll(async () => {
  sandboxes = await startSandboxes({ count: 60, seed: 8 });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandboxes.close();
});

beforeEach(() => drift.reset());

describe.each(['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'] as const)('%s pages under generated drift', (name) => {
  let provider: ProviderCase;
  let page: Record<string, unknown[]>;
  let baseline: ReturnType<typeof normalised>;
  let baselineCheckouts: Checkout[];
  const targets: { part: Part; index: number; path: JsonPath; essential: boolean }[] = [];

  beforeAll(async () => {
    provider = cases().find((c) => c.name === name) as ProviderCase;
    page = (await provider.fetchPage()) as Record<string, unknown[]>;
    baselineCheckouts = await provider.read(page);
    baseline = normalised(baselineCheckouts);
    for (const part of provider.parts) {
      (page[part.key] ?? []).forEach((item, index) => {
        for (const path of fieldPaths(item)) targets.push({ part, index, path, essential: touchesEssential(path, part.essential) });
      });
    }
    expect(targets.some((t) => !t.essential)).toBe(true);
    expect(targets.some((t) => t.essential)).toBe(true);
  });

  it('serves every descriptive deviation field by field, recording it once', async () => {
    const descriptive = targets.filter((t) => !t.essential);
    await fc.assert(
      fc.asyncProperty(fc.nat(descriptive.length - 1), fc.constantFrom(...PERTURBATION_KINDS), async (at, kind) => {
        const { part, index, path } = descriptive[at]!;
        const fullPath = [part.key, index, ...path];
        const original = getAt(page, fullPath);
        const next = perturbedValue(original, kind);
        if (!next) return;
        drift.reset();
        const what = `${part.key}[${index}].${shapePath(path)} → ${kind}`;
        const checkouts = await provider.read(withValueAt(page, fullPath, next.value)).catch((err: unknown) => {
          throw new Error(`${what}: ${String(err)}`);
        });
        try {
          touch(checkouts);
        } catch (err) {
          throw new Error(`${what} (reading the descriptive part): ${String(err)}`);
        }
        expect(normalised(checkouts), what).toEqual(baseline);
        const expected = part.prefix((page[part.key] as unknown[])[index]) + shapePath(path);
        const records = drift.counts();
        for (const record of records) {
          expect(record.provider).toBe(name);
          // The field itself, a part of it, or the smallest enclosing unit that had to go (a union member, say).
          const related = [record.path, expected].some((a) => {
            const b = a === record.path ? expected : record.path;
            return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[]`);
          });
          expect(related, `${what}: ${record.path}`).toBe(true);
          expect(record.count, `${what}: ${record.path}`).toBe(1);
        }
        // Read back only what the reader keeps (a member it does not read is as good as an unknown key).
        if (!part.readBack || path.some((p) => typeof p === 'number') || part.readBack(baselineCheckouts, index, path) === undefined) return;
        const got = part.readBack(checkouts, index, path);
        const asSent = JSON.stringify(got) === JSON.stringify(next.value);
        expect(asSent || got === null || got === undefined || isEmptyContainer(got), `${what}: read back ${JSON.stringify(got)}`).toBe(true);
        // Whatever the reader changed is visible, except PHP's `[]` for an empty map, read as `{}` by design.
        const phpEmptyMap = Array.isArray(next.value) && next.value.length === 0 && isEmptyContainer(got);
        if (!asSent && next.value !== null && next.value !== undefined && !phpEmptyMap) expect(records.length, `${what}: not recorded`).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('fails a page only over an essential field, naming the item and the field', async () => {
    const essential = targets.filter((t) => t.essential);
    await fc.assert(
      fc.asyncProperty(fc.nat(essential.length - 1), fc.constantFrom(...PERTURBATION_KINDS), async (at, kind) => {
        const { part, index, path } = essential[at]!;
        const fullPath = [part.key, index, ...path];
        const next = perturbedValue(getAt(page, fullPath), kind);
        if (!next) return;
        const item = (page[part.key] as { id?: unknown }[])[index];
        const what = `${part.key}[${index}].${shapePath(path)} → ${kind}`;
        let checkouts: Checkout[] | null = null;
        try {
          checkouts = await provider.read(withValueAt(page, fullPath, next.value));
          touch(checkouts);
        } catch (err) {
          expect(err, what).toBeInstanceOf(UpstreamError);
          expect((err as UpstreamError).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
          const message = (err as UpstreamError).message;
          expect(message).toContain(String(path.find((p) => typeof p === 'string')));
          if (shapePath(path) !== 'id' && item && typeof item.id === 'string') expect(message, what).toContain(item.id);
        }
        // Tolerated (an unknown status, a nullable source left out): the page keeps its items, in order.
        if (checkouts) {
          const others = (list: readonly object[]) =>
            list.map((c, i) => (i === index && part.key !== 'included' ? null : (c as { providerId?: unknown }).providerId));
          expect(others(checkouts), what).toEqual(others(baseline));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ignores unknown keys at every level', async () => {
    const grown = structuredClone(page);
    addUnknownKeys(grown);
    const checkouts = await provider.read(grown);
    touch(checkouts);
    expect(normalised(checkouts)).toEqual(baseline);
    expect(drift.counts()).toEqual([]);
  });
});

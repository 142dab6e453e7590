/**
 * A fourth provider built only for the registry test: an in-memory upstream behind the same adapter port
 * (`ProviderAdapter` / `PagedList`), with its own GraphQL type. Nothing outside this folder knows it: the test adds it
 * with `registerProvider` alone.
 */
import type { Checkout, CheckoutFilter, ProviderAdapter } from '../../src/domain.js';
import { memoryList } from '../../src/pagination/memory-list.js';
import { defineProvider, type SandboxStartOptions } from '../../src/providers/definition.js';
import { Checkout as CheckoutInterface } from '../../src/schema/checkout-interface.js';
import { builder } from '../../src/schema/builder.js';

export const MEMORY = 'MEMORY';

/** What the memory upstream holds: its checkouts newest first, and the page size it serves them in. */
export interface MemoryConfig {
  checkouts: Checkout[];
  pageSize: number;
  /** Page references: offsets with `prev` refs, or ids with forward-only pages (like StateSet). */
  mode: 'offset' | 'after-id';
}

export type MemoryCheckout = Checkout & { raw: { label: string } };

function matches(filter: CheckoutFilter, item: Checkout): boolean {
  if (filter.status?.length && !filter.status.includes(item.status)) return false;
  if (filter.currency?.length && (item.currency === null || !filter.currency.includes(item.currency))) return false;
  if (filter.email && item.email?.toLowerCase() !== filter.email) return false;
  if (filter.createdAfter && !(item.createdAt > filter.createdAfter)) return false;
  if (filter.createdBefore && !(item.createdAt < filter.createdBefore)) return false;
  return true;
}

export class MemoryProvider implements ProviderAdapter<MemoryCheckout> {
  readonly name = MEMORY;
  constructor(readonly config: MemoryConfig) {}

  list(filter: CheckoutFilter) {
    const constrained = Boolean(filter.status?.length || filter.currency?.length || filter.email || filter.createdAfter || filter.createdBefore);
    return memoryList(MEMORY, this.config.checkouts, {
      pageSize: this.config.pageSize,
      mode: this.config.mode,
      ...(constrained ? { residual: (item: Checkout) => matches(filter, item) } : {}),
    }) as ReturnType<ProviderAdapter<MemoryCheckout>['list']>;
  }

  async getMany(ids: readonly string[]) {
    const byId = new Map(this.config.checkouts.map((c) => [c.providerId, c as MemoryCheckout]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  health() {
    return { state: 'CLOSED' as const, consecutiveFailures: 0, retryAt: null };
  }

  async close() {}
}

/** Seeded checkouts, newest first, one every `stepSeconds` from `newest` back. */
export function memoryCheckouts(count: number, newest: Date, stepSeconds: number): MemoryCheckout[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(newest.getTime() - i * stepSeconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    return {
      provider: MEMORY,
      providerId: `mem_${String(i).padStart(4, '0')}`,
      status: i % 3 === 0 ? 'COMPLETED' : 'OPEN',
      providerStatus: i % 3 === 0 ? 'done' : 'open',
      currency: 'EUR',
      email: `buyer${i}@memory.test`,
      total: { amount: `${i}.00`, currency: 'EUR', minorUnits: i * 100 },
      createdAt: at,
      updatedAt: at,
      raw: { label: `memory checkout ${i}` },
    };
  });
}

builder.loadableNode('MemoryCheckout', {
  description: 'A checkout of the in-memory test provider.',
  interfaces: [CheckoutInterface],
  id: { resolve: (c: MemoryCheckout) => c.providerId },
  load: async (ids: string[], ctx) => {
    const provider = ctx.providers.memory as MemoryProvider | undefined;
    if (!provider) throw new Error('MEMORY is not enabled');
    return (await provider.getMany(ids)) as MemoryCheckout[];
  },
  isTypeOf: (value) => (value as Checkout).provider === MEMORY,
  fields: (t) => ({
    label: t.string({ description: 'A label only this provider has.', resolve: (c) => c.raw.label }),
  }),
});

export const memory = defineProvider({
  name: MEMORY,
  key: 'memory',
  envPrefix: MEMORY,
  description: 'The in-memory test provider.',
  typeName: 'MemoryCheckout',
  liveRatePerMinute: 0,
  variables: [],
  // Never configured from the environment: the test hands its configuration over.
  readConfig: () => null,
  secrets: () => [],
  createAdapter: (config: MemoryConfig) => new MemoryProvider(config),
  startSandbox: async (options: SandboxStartOptions) => ({
    origin: '',
    config: { checkouts: memoryCheckouts(options.count ?? 100, new Date('2026-06-01T00:00:00Z'), 3_600), pageSize: 7, mode: 'after-id' as const },
    close: async () => {},
  }),
});

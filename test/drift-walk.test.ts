/**
 * End to end over drifting upstreams: the three sandboxes serve a share of their items with one descriptive field
 * drifted (SANDBOX_DRIFT) and unknown keys everywhere. A merged walk selecting every field of every checkout type
 * must equal the walk over the same data without drift: complete, in order, normalised fields unchanged, no error;
 * and the deviations are counted per provider.
 */
import {
  getNamedType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drift } from '../src/providers/drift.js';
import { getSchema } from '../src/schema/index.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const COUNT = 90;
const SEED = 21;
const LIMITS = { maxDepth: 30, maxCost: 1_000_000, maxTokens: 100_000, maxAliases: 100 };

/** Every field without required arguments, to `depth` levels, with a fragment per possible type of abstract types. */
function selection(type: GraphQLNamedType, depth: number): string {
  if (!isCompositeType(type) || depth === 0) return '';
  if (isUnionType(type) || isInterfaceType(type)) {
    const own = isInterfaceType(type) ? fields(type, depth) : '__typename';
    const possible = getSchema()
      .getPossibleTypes(type as GraphQLInterfaceType)
      .map((t) => `... on ${t.name} { ${fields(t, depth)} }`);
    return `${own} ${possible.join(' ')}`;
  }
  return fields(type as GraphQLObjectType, depth);
}

function fields(type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string {
  const out: string[] = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => a.type.toString().endsWith('!'))) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) {
      const inner = selection(named, depth - 1);
      if (inner) out.push(`${field.name} { ${inner} }`);
    } else out.push(field.name);
  }
  return out.join(' ');
}

const NODE = selection(getSchema().getType('Checkout') as GraphQLNamedType, 4);
const PAGE = `query Page($after: String) {
  checkouts(first: 40, after: $after) {
    sources { provider status error { code message } }
    pageInfo { hasNextPage endCursor }
    edges { node { ${NODE} } }
  }
}`;

type Node = Record<string, unknown> & { provider: string; providerId: string };

async function walk(gw: TestGateway): Promise<{ nodes: Node[]; errors: unknown[] }> {
  const nodes: Node[] = [];
  const errors: unknown[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: { data?: any; errors?: unknown[] } = await gw.query<any>(PAGE, { after });
    errors.push(...(res.errors ?? []));
    const connection: { sources: { status: string }[]; edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } =
      res.data.checkouts;
    for (const s of connection.sources) expect(s.status, JSON.stringify(s)).toBe('OK');
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, errors };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

const NORMALISED = ['id', 'provider', 'providerId', 'status', 'providerStatus', 'currency', 'email', 'total', 'createdAt', 'updatedAt'];
const pick = (n: Node) => Object.fromEntries(NORMALISED.map((k) => [k, n[k]]));

describe('a merged walk over drifting sandboxes', () => {
  let plain: TestGateway;
  let drifting: TestGateway;
  const security = { limits: LIMITS, introspection: true };

  beforeAll(async () => {
    plain = await createTestGateway({ count: COUNT, seed: SEED, security });
    drifting = await createTestGateway({ count: COUNT, seed: SEED, security, drift: 0.4 });
  });

  afterAll(async () => {
    await plain?.close();
    await drifting?.close();
  });

  it('is complete, in order, with the normalised fields of the plain walk, and counts the drift', async () => {
    const truth = await walk(plain);
    expect(truth.errors).toEqual([]);
    expect(truth.nodes.length).toBeGreaterThan(2 * COUNT);
    expect(new Set(truth.nodes.map((n) => n.id)).size).toBe(truth.nodes.length);
    drift.reset();
    const drifted = await walk(drifting);
    expect(drifted.errors).toEqual([]);
    expect(drifted.nodes.map(pick)).toEqual(truth.nodes.map(pick));
    const byProvider = new Map<string, number>();
    for (const record of drift.counts()) byProvider.set(record.provider, (byProvider.get(record.provider) ?? 0) + record.count);
    expect([...byProvider.keys()].sort()).toEqual(['LEMON_SQUEEZY', 'STATESET', 'ZENSKAR']);
    // Some provider-specific field really did change under drift (the switch is on), and nothing else broke.
    expect(JSON.stringify(drifted.nodes)).not.toEqual(JSON.stringify(truth.nodes));
  });
});

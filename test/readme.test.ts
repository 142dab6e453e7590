/** The README's example queries are valid against the schema and run against the sandboxes without errors. */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerDefinitions } from '../src/providers/registry.js';
import { getSchema } from '../src/schema/index.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ count: 120 });
  });
  afterAll(() => gw?.close());

  it("documents every registered provider's variables in its configuration table", () => {
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const variables = providerDefinitions().flatMap((d) => d.variables);
    expect(variables.length).toBeGreaterThanOrEqual(7);
    for (const variable of variables) expect(table, variable).toContain(`\`${variable}\``);
  });

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((text, i) => [i, text] as const))('example %i validates and runs', async (_i, text) => {
    expect(validate(getSchema(), parse(text))).toEqual([]);
    const response = await gw.query(text);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
  });
});

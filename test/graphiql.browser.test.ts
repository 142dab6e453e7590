/**
 * GraphiQL as a person sees it: a real (headless Debian) Chromium opens the gateway with every non-loopback request
 * blocked, sees the editor render with the default query, runs it and gets checkouts of all three providers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('GraphiQL in a real browser, offline', () => {
  let gw: TestGateway;
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    gw = await createTestGateway({ count: 300 });
    server = createServer(gw.gateway.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await gw?.close();
  });

  it('renders, runs the default query and shows checkouts of all three providers', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 2000 } });
    const external: string[] = [];
    await page.route('**/*', (route) => {
      const target = new URL(route.request().url());
      if (target.hostname === '127.0.0.1' || target.protocol === 'data:' || target.protocol === 'blob:') return route.continue();
      external.push(route.request().url());
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const runButton = page.locator('.graphiql-execute-button');
    await runButton.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 30_000 }).toContain('LatestCheckouts');

    const executed = page.waitForResponse(
      (r) => r.url().startsWith(url) && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('LatestCheckouts'),
    );
    await runButton.click();
    const body = (await (await executed).json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const typenames = new Set(body.data.checkouts.edges.map((e: { node: { __typename: string } }) => e.node.__typename));
    expect([...typenames].sort()).toEqual(['LemonSqueezyCheckout', 'StateSetCheckout', 'ZenskarCheckout']);
    // What a person sees: the result pane shows the answer (Monaco renders only visible lines, so check its start).
    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('"checkouts"');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('__typename');
    await page.screenshot({ path: 'test-results/graphiql.png' });
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

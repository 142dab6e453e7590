/**
 * The Grafana dashboard and the Prometheus scrape example under deploy/ match what the gateway serves: every metric a
 * dashboard query names exists in GET /metrics (with its type), and the scrape example points at that path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS_PATH } from '../src/observability/metrics-plugin.js';
import { createTestGateway } from './helpers.js';
import { readScrape } from './prometheus.js';

interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(readFileSync(new URL('../deploy/grafana/checkout-graph.json', import.meta.url), 'utf8')) as {
  panels: Panel[];
  templating: { list: { definition?: string }[] };
};

/** Metric names in a PromQL expression: ours and prom-client's defaults (label names and functions never match). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:checkout_graph|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
}

describe('deploy/', () => {
  const exprs = [
    ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
    ...dashboard.templating.list.map((v) => v.definition ?? '').filter(Boolean),
  ];

  it('has a query on every panel and unique panel ids', () => {
    const graphs = dashboard.panels.filter((p) => p.type !== 'row');
    expect(graphs.length).toBeGreaterThan(15);
    for (const panel of graphs) expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('queries only metrics that GET /metrics serves', async () => {
    const gw = await createTestGateway({ count: 5 });
    try {
      await gw.query(`query Probe { checkouts(first: 2) { edges { node { id } } } }`);
      const scrape = readScrape(await (await gw.fetch(METRICS_PATH)).text());
      const names = [...new Set(exprs.flatMap(metricNames))];
      expect(names.length).toBeGreaterThan(20);
      for (const name of names) {
        const histogram = name.match(/^(.*)_(bucket|sum|count)$/)?.[1];
        const family = histogram && scrape.families.get(histogram) === 'HISTOGRAM' ? histogram : name;
        expect(scrape.families.has(family), `${name} (dashboard) is not in /metrics`).toBe(true);
        if (family !== name) expect(scrape.families.get(family)).toBe('HISTOGRAM');
      }
    } finally {
      await gw.close();
    }
  });

  it('has a Prometheus scrape example for that path', () => {
    const config = readFileSync(new URL('../deploy/prometheus/prometheus.yml', import.meta.url), 'utf8');
    expect(config).toMatch(new RegExp(`^\\s*metrics_path: ${METRICS_PATH}$`, 'm'));
    expect(config).toMatch(/job_name: checkout-graph/);
  });
});

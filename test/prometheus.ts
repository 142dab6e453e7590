/**
 * Reading `/metrics` in tests with parse-prometheus-text-format. That parser groups a histogram's samples into one
 * object and drops their labels (a port of an old client_python parser that predates labelled histograms), so
 * histogram TYPE lines are taken out first: `_bucket`, `_sum` and `_count` then parse as plain samples, labels kept.
 */
import parse from 'parse-prometheus-text-format';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: Sample[];
  /** Metric families with their declared type (histograms: HISTOGRAM, from the raw text). */
  families: Map<string, string>;
  /** Sum of the samples named `name` whose labels include `labels`. */
  sum(name: string, labels?: Record<string, string>): number;
  /** Distinct values of one label on samples named `name`. */
  values(name: string, label: string): string[];
}

export function readScrape(text: string): Scrape {
  const families = new Map<string, string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(match[1]!, match[2]!.toUpperCase());
  const parsed = parse(text.replace(/^# TYPE \S+ histogram$/gm, '')) as { name: string; metrics: { labels?: Record<string, string>; value?: string }[] }[];
  const samples: Sample[] = parsed.flatMap((family) => family.metrics.map((m) => ({ name: family.name, labels: m.labels ?? {}, value: Number(m.value) })));
  const matching = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    families,
    sum: (name, labels) => matching(name, labels).reduce((total, s) => total + s.value, 0),
    values: (name, label) =>
      [
        ...new Set(
          matching(name)
            .map((s) => s.labels[label])
            .filter((v): v is string => v !== undefined),
        ),
      ].sort(),
  };
}

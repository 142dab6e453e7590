/**
 * Payload drift, generated: every field path of a JSON object and the deviations a real API sends without notice
 * (another JSON type, null, absent, an unknown string, `[]` ↔ `{}`, date-only ↔ date-time, unknown extra keys).
 *
 * Written apart from the readers in src/providers: it knows nothing of zod or of what a reader tolerates, only which
 * paths a provider documents as relied upon (`essential`), so it can probe both sides of that line. Used by the
 * property tests and by the sandboxes' drift switch (`SANDBOX_DRIFT`).
 */

export type JsonPath = (string | number)[];

export const PERTURBATION_KINDS = ['other_type', 'null', 'absent', 'unknown_string', 'flip_container', 'flip_date'] as const;
export type PerturbationKind = (typeof PERTURBATION_KINDS)[number];

/** Every path inside `value` (objects and arrays included, the root excluded), parents before children. */
export function fieldPaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i]);
      out.push(...fieldPaths(item, [...prefix, i]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      out.push(...fieldPaths(item, [...prefix, key]));
    }
  }
  return out;
}

/** `a.0.b` → `a[].b`, the form drift records use. */
export function shapePath(path: JsonPath): string {
  return path
    .map((part) => (typeof part === 'number' ? '[]' : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

/** Whether `path` is, lies inside, or contains a path the provider relies on (a container of one is relied on too). */
export function touchesEssential(path: JsonPath, essential: readonly string[]): boolean {
  const shape = shapePath(path);
  return essential.some(
    (e) => e === shape || e.startsWith(`${shape}.`) || e.startsWith(`${shape}[]`) || shape.startsWith(`${e}.`) || shape.startsWith(`${e}[]`),
  );
}

export function getAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/;

/** The replacement for `value` under `kind`, or undefined when that kind does not apply to it (`absent` deletes). */
export function perturbedValue(value: unknown, kind: PerturbationKind): { value: unknown } | undefined {
  switch (kind) {
    case 'other_type':
      if (typeof value === 'string') return { value: 7 };
      if (typeof value === 'number') return { value: 'seven' };
      if (typeof value === 'boolean') return { value: 'yes' };
      if (Array.isArray(value)) return { value: 42 };
      if (value !== null && typeof value === 'object') return { value: 'an object no more' };
      return { value: true };
    case 'null':
      return { value: null };
    case 'absent':
      return { value: undefined };
    case 'unknown_string':
      return typeof value === 'string' ? { value: 'zz_value_added_upstream' } : undefined;
    case 'flip_container':
      if (Array.isArray(value)) return { value: {} };
      if (value !== null && typeof value === 'object') return { value: [] };
      return undefined;
    case 'flip_date': {
      if (typeof value !== 'string') return undefined;
      if (DATE_ONLY.test(value)) return { value: `${value}T00:00:00Z` };
      const m = DATE_TIME.exec(value);
      return m ? { value: m[1] } : undefined;
    }
  }
}

/** A deep copy of `root` with the value at `path` replaced (or deleted, for undefined). */
export function withValueAt(root: unknown, path: JsonPath, value: unknown): unknown {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string | number, unknown>)[key];
  } else {
    (parent as Record<string | number, unknown>)[key] = value;
  }
  return copy;
}

/** Adds an unknown key to every object inside `value` (in place), as an API growing new members would. */
export function addUnknownKeys(value: unknown): void {
  if (Array.isArray(value)) value.forEach(addUnknownKeys);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) addUnknownKeys(item);
    (value as Record<string, unknown>).x_added_upstream = { since: '2026-12-01', flags: [1, 'two'] };
  }
}

/** A stable 32-bit hash of a string (FNV-1a), to pick perturbations deterministically per item. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Drifts one item in place-free fashion: for a share of items (by the hash of `key`), one descriptive path gets one
 * deviation; every item gets unknown keys. Deterministic, so a page read twice drifts the same way.
 */
export function driftItem(item: unknown, key: string, essential: readonly string[], share: number): unknown {
  const copy = structuredClone(item);
  addUnknownKeys(copy);
  const h = hash(key);
  if ((h % 1000) / 1000 >= share) return copy;
  const paths = fieldPaths(item).filter((p) => !touchesEssential(p, essential));
  if (paths.length === 0) return copy;
  const path = paths[(h >>> 10) % paths.length] as JsonPath;
  const original = getAt(item, path);
  for (let i = 0; i < PERTURBATION_KINDS.length; i++) {
    const kind = PERTURBATION_KINDS[((h >>> 20) + i) % PERTURBATION_KINDS.length] as PerturbationKind;
    const next = perturbedValue(original, kind);
    if (next) return withValueAt(copy, path, next.value);
  }
  return copy;
}

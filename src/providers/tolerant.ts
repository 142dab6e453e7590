/**
 * The tolerant reader (STYLE.md §14): the documented zod schema of an upstream object describes what we expect; a
 * payload that deviates from it in a descriptive part is still read, field by field.
 *
 * 1. Parse with the documented schema. Almost every object passes, and that is the whole cost.
 * 2. Otherwise every issue is one deviation: record it as drift (provider, static path, kind), then parse again with
 *    the loosened schema (every object member nullish, see `loosen`) after setting each offending value to null;
 *    an array element that cannot be read at all (an unknown union member) is dropped instead.
 * 3. Repeat 2 for whatever the loosened schema still rejects, a bounded number of times.
 *
 * Essential fields (ids, the timestamps that order a list, the sources of normalised fields, the list envelope) are
 * not read here: each provider reads them first, strictly, with `readEssential`, and an unreadable one fails the
 * page with UPSTREAM_BAD_RESPONSE naming the item and the path.
 *
 * Documented schemas use `z.object` (members the document does not name are dropped), never `z.looseObject`: the
 * kept raw objects then hold only members the documented schema checked (free-form parts are `z.record` on purpose),
 * nothing unchecked rides along in the cache, and `loosen` keeps whichever catchall a schema has, so the rule is the
 * same for the documented schema and its twin.
 */
import { z } from 'zod';
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';
import { drift, valueClass, type DriftKind } from './drift.js';

type Segment = PropertyKey;

/** `a.0.b` → `a[].b`: array indices folded, so a path names a field of the shape, not of one payload. */
export function staticPath(path: readonly Segment[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += '[]';
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function kindOf(issue: z.core.$ZodIssue, input: unknown): DriftKind {
  if (issue.code === 'custom' && (issue.params as { drift?: DriftKind } | undefined)?.drift) return (issue.params as { drift: DriftKind }).drift;
  if (input === undefined || (input === null && issue.code === 'invalid_type')) return 'missing';
  if ((issue.code === 'invalid_value' || issue.code === 'invalid_union') && typeof input === 'string') return 'unknown_enum';
  return 'wrong_type';
}

/** The value at `path` inside `root`, and its container. */
function locate(root: unknown, path: readonly Segment[]): { parent: unknown; key: Segment | undefined; value: unknown } {
  let parent: unknown;
  let value: unknown = root;
  let key: Segment | undefined;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return { parent: undefined, key: undefined, value: undefined };
    parent = value;
    key = part;
    value = (value as Record<PropertyKey, unknown>)[part as string];
  }
  return { parent, key, value };
}

/**
 * Makes the value at `path` readable: an empty `[]` where an object is expected is PHP's empty map (`{}`), an empty `{}`
 * where a list is expected is an empty list; anything else becomes null, or, when null is not accepted there either
 * (an array element, a discriminator), the nearest array element is dropped or else the enclosing object nulled.
 * Returns false when the repair is a known equivalence that is not worth a drift record.
 */
function repair(root: unknown, issue: z.core.$ZodIssue, at: unknown, escalate: boolean): boolean {
  const path = issue.path;
  if (issue.code === 'invalid_type' && !escalate) {
    if (issue.expected === 'object' && Array.isArray(at) && at.length === 0) {
      set(root, path, {});
      return false;
    }
    if (issue.expected === 'array' && isEmptyObject(at)) {
      set(root, path, []);
      return true;
    }
  }
  if (!escalate) {
    set(root, path, null);
    return true;
  }
  const element = path.findLastIndex((part) => typeof part === 'number');
  if (element >= 0) set(root, path.slice(0, element + 1), DROP);
  else if (path.length > 1) set(root, path.slice(0, -1), null);
  else if (path.length === 1 && root !== null && typeof root === 'object') delete (root as Record<PropertyKey, unknown>)[path[0] as string];
  return true;
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function set(root: unknown, path: readonly Segment[], value: unknown): void {
  const { parent, key } = locate(root, path);
  if (parent === undefined || key === undefined) return;
  (parent as Record<PropertyKey, unknown>)[key as string] = value;
}

const DROP = Symbol('drop');

function sweep(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DROP).map(sweep);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = sweep(v);
  }
  return value;
}

/** The parts of a payload a reader was given. */
export interface TolerantSchema<T> {
  documented: z.ZodType;
  loose: z.ZodType<T>;
}

/** Pairs a documented schema with its loosened twin (built once, at module load). */
export function tolerant<S extends z.ZodType>(documented: S): TolerantSchema<Loose<z.output<S>>> {
  return { documented, loose: loosen(documented) as unknown as z.ZodType<Loose<z.output<S>>> };
}

const MAX_ROUNDS = 6;

/** Reads `json` against `schema`, recording and nulling out what deviates; null when `json` is no object at all. */
export function readTolerant<T>(provider: ProviderName, schema: TolerantSchema<T>, json: unknown, prefix: readonly Segment[] = []): T | null {
  const first = schema.documented.safeParse(json, { reportInput: true });
  if (first.success) return first.data as T;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    // The object itself is unreadable (a string where an object belongs): null, like any other member.
    drift.record({ provider, path: staticPath(prefix), kind: kindOf(first.error.issues[0] as z.core.$ZodIssue, json), valueClass: valueClass(json) });
    return null;
  }
  const seen = new Set<string>();
  let value: unknown = structuredClone(json);
  let issues = first.error.issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const issue of issues) {
      const { value: at } = locate(value, issue.path);
      const kind = kindOf(issue, at);
      // The loose schema takes an absent member and an unknown enum value as they are (the value stays reachable);
      // anything else is repaired, escalating in later rounds where null is not accepted either.
      const keep = round === 0 && (at === undefined || kind === 'unknown_enum');
      const worthRecording = keep || repair(value, issue, at, round > 0 && (at === null || at === undefined || issue.code === 'invalid_union'));
      const path = staticPath([...prefix, ...issue.path]);
      if (worthRecording && !seen.has(path)) {
        seen.add(path);
        drift.record({ provider, path, kind, valueClass: valueClass(at) });
      }
    }
    value = sweep(value);
    const next = schema.loose.safeParse(value);
    if (next.success) return next.data;
    issues = next.error.issues;
  }
  throw new UpstreamError(provider, 'UPSTREAM_BAD_RESPONSE', `payload could not be read even field by field (${staticPath(issues[0]?.path ?? [])})`);
}

/**
 * Reads the essential part of one item strictly. `what` names the object (`checkout session`), `id` the item when it
 * could be read, so the error says which item and which field broke the page.
 */
export function readEssential<S extends z.ZodType>(provider: ProviderName, what: string, schema: S, json: unknown, id?: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const item = typeof id === 'string' || typeof id === 'number' ? ` ${String(id)}` : '';
  throw new UpstreamError(
    provider,
    'UPSTREAM_BAD_RESPONSE',
    `unexpected ${what}${item} payload: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
}

/**
 * A documented shape with every object member optional and nullable, recursively: what a tolerant read yields. An
 * enum member may also hold a value outside its union (an unknown value, kept verbatim): read enums with `knownValue`.
 */
export type Loose<T> = T extends readonly (infer E)[]
  ? Loose<E>[]
  : T extends Record<string, unknown>
    ? { [K in keyof T as IsDiscriminator<T[K]> extends true ? K : never]: T[K] } & {
        [K in keyof T as IsDiscriminator<T[K]> extends true ? never : K]?: Loose<T[K]> | null;
      }
    : T;

/** `Omit` that keeps the known members of a type with an index signature (a loose JSON object). */
export type OmitKnown<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** A member typed as one string literal picks a union member: the loose schema keeps it required (see `loosen`). */
type IsDiscriminator<V> = [V] extends [string] ? (string extends V ? false : IsUnion<V> extends true ? false : true) : false;
type IsUnion<V, All = V> = V extends unknown ? ([All] extends [V] ? false : true) : never;

/**
 * The loosened twin of a documented schema: the same shape and transforms, but every object member nullish, so a
 * member blanked by the reader leaves its siblings readable. Discriminators stay as documented (they pick the shape).
 */
export function loosen(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { def: { type: string } & Record<string, unknown> }).def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as z.ZodObject).shape;
      const loose = Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, loosen(member as z.ZodType).nullish()]));
      const catchall = def.catchall as z.ZodType | undefined;
      return catchall ? z.object(loose).catchall(catchall) : z.object(loose);
    }
    case 'array':
      return z.array(loosen(def.element as z.ZodType));
    case 'record':
      return z.record(def.keyType as z.ZodString, loosen(def.valueType as z.ZodType).nullish());
    case 'optional':
      return loosen(def.innerType as z.ZodType).optional();
    case 'nullable':
      return loosen(def.innerType as z.ZodType).nullable();
    case 'default':
      return loosen(def.innerType as z.ZodType);
    case 'pipe':
      return z.pipe(loosen(def.in as z.ZodType) as z.ZodType, def.out as z.ZodType);
    case 'enum':
      // An unknown value is kept verbatim: resolvers expose it through `knownValue` (null) and a `…Raw` string.
      return z.string();
    case 'union': {
      const discriminator = def.discriminator as string | undefined;
      const options = (def.options as z.ZodType[]).map((option) => loosenUnionMember(option, discriminator));
      if (!discriminator) return z.union(options as [z.ZodType, ...z.ZodType[]]);
      // A member of a kind we do not know yet still reads, with every member key any known kind has.
      const members = Object.assign({}, ...(def.options as z.ZodObject[]).map((option) => option.shape)) as Record<string, z.ZodType>;
      const fallback = z.object({
        ...Object.fromEntries(Object.entries(members).map(([key, member]) => [key, loosen(member).nullish()])),
        [discriminator]: z.string(),
      });
      return z.union([z.discriminatedUnion(discriminator, options as [z.ZodObject, ...z.ZodObject[]]), fallback]);
    }
    default:
      return schema;
  }
}

function loosenUnionMember(option: z.ZodType, discriminator: string | undefined): z.ZodType {
  if (!discriminator) return loosen(option);
  const obj = option as z.ZodObject;
  const shape = Object.fromEntries(
    Object.entries(obj.shape).map(([key, member]) => [key, key === discriminator ? member : loosen(member as z.ZodType).nullish()]),
  );
  return z.object(shape);
}

/** `value` when it is one of `known`, else null (an unknown enum value, or none). */
export function knownValue<T extends string>(known: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (known as readonly string[]).includes(value) ? (value as T) : null;
}

/** The upstream's value verbatim when it is a string, else null: the `…Raw` sibling of an enum field. */
export function rawText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Defines `raw` on a mapped checkout as a getter that reads the descriptive part on first use and keeps the result:
 * a page maps its essentials eagerly, while only the items a response shows, and only when it selects a
 * provider-specific field, pay for reading the rest.
 */
export function withLazyRaw<T extends object, R>(target: T, read: () => R): T & { raw: R } {
  let value: R | undefined;
  let done = false;
  return Object.defineProperty(target, 'raw', {
    enumerable: true,
    configurable: false,
    get(): R {
      if (!done) {
        value = read();
        done = true;
      }
      return value as R;
    },
  }) as T & { raw: R };
}

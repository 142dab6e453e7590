/**
 * Canonical UTC instants: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. Upstreams send naive timestamps (Zenskar, taken as UTC),
 * second precision with `Z` (StateSet) and microseconds with `Z` (Lemon Squeezy); all become one sortable form.
 */
import type { Instant } from './domain.js';

/** Date-time with optional seconds, fraction and zone; or a date alone (midnight UTC): both are read wherever a date is. */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** What upstreams send almost always: `YYYY-MM-DDTHH:MM:SS[.f…][Z]` (UTC or naive), handled without Date. */
const FAST = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1] ?? 0;
}

/** Parses an ISO 8601 timestamp; naive values are UTC. Returns null when it is not one. */
export function parseInstant(text: string): Instant | null {
  const fast = FAST.exec(text);
  if (fast) {
    const [, y, mo, d, h, mi, s, frac = ''] = fast as unknown as string[];
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) return null;
    if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.${`${frac}000000`.slice(0, 6)}Z`;
  }
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const micros = `${frac}000000`.slice(0, 6);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCHours() !== Number(h)) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const utc = new Date(ms - offsetMinutes * 60_000).toISOString();
  return `${utc.slice(0, 19)}.${micros}Z`;
}

/** Like parseInstant, but throws for invalid input (for upstream payloads already validated as strings). */
export function toInstant(text: string): Instant {
  const instant = parseInstant(text);
  if (instant === null) throw new RangeError(`not an ISO 8601 timestamp: ${JSON.stringify(text)}`);
  return instant;
}

export function instantFromDate(date: Date): Instant {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/** Milliseconds since the epoch (sub-millisecond digits dropped). */
export function instantToMillis(instant: Instant): number {
  return Date.parse(`${instant.slice(0, 23)}Z`);
}

/** `2024-01-02T03:04:05Z` — seconds precision, for upstreams that take whole seconds. */
export function instantToSeconds(instant: Instant): string {
  return `${instant.slice(0, 19)}Z`;
}

/** Naive `2024-01-02T03:04:05.123456` as Python's isoformat writes it (no fraction when zero). */
export function instantToNaive(instant: Instant): string {
  const frac = instant.slice(20, 26);
  return frac === '000000' ? instant.slice(0, 19) : `${instant.slice(0, 19)}.${frac}`;
}

/** Shifts an instant by whole microseconds (used for exclusive/inclusive bound conversions). */
export function addMicros(instant: Instant, micros: number): Instant {
  const totalMicros = BigInt(instantToMillis(instant)) * 1000n + BigInt(Number(instant.slice(23, 26))) + BigInt(micros);
  const ms = Number(totalMicros / 1000n);
  const rest = Number(totalMicros % 1000n);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}

/**
 * The sandboxes' drift switch (`SANDBOX_DRIFT`): list and retrieve answers drift as a real API's would, on a share
 * of items (one descriptive field each, chosen per item id so a page reads the same twice), with unknown keys added
 * everywhere. Fields a provider documents as relied upon (`essential`) never drift.
 */
import { ConfigError } from '../env.js';
import type { SandboxHandler } from './harness.js';
import { driftItem } from './perturb.js';

/** Where a provider's answers hold items, and which of their paths the gateway relies on. */
export interface DriftSpec {
  /** The item arrays (or single items) of an answer body, each with the static paths it must keep intact. */
  parts(body: Record<string, unknown>): { key: string | null; essential: readonly string[] }[];
}

/** 0 (off) by default; `1`/`true` drifts 30 % of items; a fraction in (0, 1] drifts that share. */
export function parseDriftShare(text: string | undefined): number {
  if (text === undefined || text === '' || text === '0' || text === 'false') return 0;
  if (text === '1' || text === 'true') return 0.3;
  const share = Number(text);
  if (!(share > 0 && share <= 1)) throw new ConfigError('SANDBOX_DRIFT', `must be 0, 1, true, false or a fraction in (0, 1], got ${JSON.stringify(text)}`);
  return share;
}

export function withDrift(handler: SandboxHandler, spec: DriftSpec, share: number): SandboxHandler {
  if (share <= 0) return handler;
  return (req, ctx) => {
    const response = handler(req, ctx);
    const body = response.body;
    if (response.status < 200 || response.status >= 300 || !body || typeof body !== 'object' || Array.isArray(body)) return response;
    let drifted: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const { key, essential } of spec.parts(drifted)) {
      const one = (item: unknown) => driftItem(item, String((item as { id?: unknown } | null)?.id ?? ''), essential, share);
      // A null key is the body itself (a retrieve answers with the object, no envelope).
      if (key === null) {
        drifted = one(drifted) as Record<string, unknown>;
        continue;
      }
      const part = drifted[key];
      drifted[key] = Array.isArray(part) ? part.map(one) : part && typeof part === 'object' ? one(part) : part;
    }
    return { ...response, body: drifted };
  };
}

/** The merged `checkouts` connection: every enabled provider in one order with one composite cursor. */
import { locatedError } from 'graphql';
import { pathToArray } from 'graphql/jsutils/Path.js';
import type { CheckoutFilter as CheckoutFilterShape } from '../domain.js';
import { BadUserInputError, UpstreamError } from '../errors.js';
import type { ConnectionPage, SourceStatus } from '../pagination/paginate.js';
import { stopsFor } from '../pagination/stops.js';
import { enabledAdapters } from '../providers/index.js';
import { providerNames } from '../providers/registry.js';
import { builder } from './builder.js';
import { Checkout } from './checkout-interface.js';
import { canonicalFilter, listOptions, pagingArgs, resolveMergedConnection } from './connection.js';
import { CheckoutProvider, CheckoutStatusEnum } from './enums.js';
import { DateTime } from './scalars.js';

export const CheckoutFilter = builder.inputType('CheckoutFilter', {
  description:
    'Filters of the merged connection, ANDed. Pushed down to each upstream where it filters natively, applied in the ' +
    'gateway otherwise (see the README for the cost per provider).',
  fields: (t) => ({
    providers: t.field({ type: [CheckoutProvider()], required: false, description: 'Only these providers (default: every enabled one).' }),
    status: t.field({ type: [CheckoutStatusEnum], required: false, description: 'Any of these normalised statuses.' }),
    currency: t.stringList({ required: false, description: 'Any of these ISO 4217 codes, e.g. `["USD","EUR"]`; case and surrounding spaces do not matter.' }),
    email: t.string({ required: false, description: 'Buyer email, case-insensitive exact match.' }),
    createdAfter: t.field({ type: DateTime, required: false, description: 'Only checkouts created strictly after this instant.' }),
    createdBefore: t.field({ type: DateTime, required: false, description: 'Only checkouts created strictly before this instant.' }),
  }),
});

const SourceState = builder.enumType('CheckoutSourceState', {
  description: 'How one provider fared while building this page.',
  values: {
    OK: { description: 'The provider answered; its items are in the page.' },
    FAILED: { description: 'The provider failed; its items are missing from this page and the next page retries it.' },
  },
});

const CircuitState = builder.enumType('CircuitState', {
  description: 'State of the circuit breaker in front of one upstream.',
  values: {
    CLOSED: { description: 'Healthy: requests go through.' },
    OPEN: { description: 'Failing: requests fail fast with UPSTREAM_UNAVAILABLE until the cool-down ends.' },
    HALF_OPEN: { description: 'Cool-down over: the next request is a probe that closes or re-opens the circuit.' },
  },
});

const SourceError = builder.objectRef<{ code: string; message: string }>('CheckoutSourceError').implement({
  description: 'Why a provider failed (the same error also appears in the response’s `errors`).',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, UPSTREAM_RATE_LIMITED, UPSTREAM_BAD_RESPONSE, UPSTREAM_UNAUTHORIZED, BAD_USER_INPUT (the upstream rejected the request, or the cursor does not fit it) or INTERNAL.',
    }),
    message: t.exposeString('message', { description: 'Human-readable reason; never contains credentials.' }),
  }),
});

const CheckoutSource = builder.objectRef<SourceStatus>('CheckoutSource').implement({
  description: 'One provider’s part in a page of the merged connection.',
  fields: (t) => ({
    provider: t.field({ type: CheckoutProvider(), description: 'The provider.', resolve: (s) => s.provider }),
    status: t.field({ type: SourceState, description: 'Whether it answered.', resolve: (s) => (s.ok ? 'OK' : 'FAILED') }),
    circuit: t.field({
      type: CircuitState,
      description: 'The provider’s circuit breaker: OPEN means recent repeated failures, so requests fail fast until a probe succeeds.',
      resolve: (s, _args, ctx) =>
        enabledAdapters(ctx.providers)
          .find((a) => a.name === s.provider)
          ?.health().state ?? 'CLOSED',
    }),
    pagesRead: t.exposeInt('pagesRead', { description: 'Upstream pages read for this page (answers from the gateway’s short-lived page cache included).' }),
    error: t.field({
      type: SourceError,
      nullable: true,
      description: 'Why it failed; null when it answered.',
      resolve: (s) => {
        if (s.ok) return null;
        if (s.error instanceof UpstreamError) return { code: s.error.upstreamCode, message: s.error.message };
        // The same error the response's `errors` carries (an upstream 400/422, a cursor position it cannot page from).
        if (s.error instanceof BadUserInputError) return { code: 'BAD_USER_INPUT', message: s.error.message };
        return { code: 'INTERNAL', message: 'Unexpected error.' };
      },
    }),
  }),
});

export const CheckoutConnection = builder.connectionObject(
  {
    type: Checkout,
    name: 'CheckoutConnection',
    description: 'A page of checkouts from every selected provider, newest first (see `Query.checkouts` for the order).',
    fields: (t) => ({
      sources: t.field({
        type: [CheckoutSource],
        description: 'Per-provider status of this page: a failed provider does not blank the page.',
        resolve: (c) => (c as unknown as ConnectionPage).sources,
      }),
    }),
  },
  { name: 'CheckoutEdge', description: 'A checkout and the composite cursor that stands on it.' },
);

const ISO_CURRENCY = /^[A-Z]{3}$/;

/** Validates the filter; an empty list means the same as an absent one (no constraint), for every provider alike. */
function normaliseFilter(input: CheckoutFilterShape | null | undefined): CheckoutFilterShape {
  const filter: CheckoutFilterShape = { ...input };
  if (filter.providers?.length === 0) delete filter.providers;
  if (filter.status?.length === 0) delete filter.status;
  if (filter.currency?.length === 0) delete filter.currency;
  if (filter.currency) {
    // Liberal in what we accept: ` usd ` can only mean USD.
    filter.currency = filter.currency.map((code) => {
      const normal = code.trim().toUpperCase();
      if (!ISO_CURRENCY.test(normal)) {
        throw new BadUserInputError(`currency must be ISO 4217 codes such as "USD", got ${JSON.stringify(code)}`, { argument: 'filter.currency' });
      }
      return normal;
    });
  }
  if (filter.email !== null && filter.email !== undefined) {
    const email = filter.email.trim().toLowerCase();
    if (email.length === 0 || email.length > 320) throw new BadUserInputError('email must be a non-empty address', { argument: 'filter.email' });
    filter.email = email;
  }
  return filter;
}

builder.queryField('checkouts', (t) =>
  t.field({
    type: CheckoutConnection,
    description:
      `Checkouts of every enabled provider in one list: \`createdAt\` descending, ties broken ${providerNames().join(', ')}, ` +
      'then each upstream’s own order. Page forward with `first`/`after`, backward with `last`/`before`; ' +
      'every edge’s cursor can be resumed from. A provider that fails is reported in `sources` and `errors` while the ' +
      'others’ checkouts still come.',
    args: {
      ...pagingArgs(t.arg, 'checkouts'),
      filter: t.arg({ type: CheckoutFilter, description: 'Restrict the list; cursors only work with the filter they were issued for.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const filter = normaliseFilter(args.filter as CheckoutFilterShape | null | undefined);
      const adapters = enabledAdapters(ctx.providers).filter((a) => !filter.providers?.length || filter.providers.includes(a.name));
      const scope = `checkouts:${canonicalFilter(filter)}`;
      // Read without a cursor, a page goes upstream; a continuation reuses the walk's pages within the TTL (README, Freshness).
      const page = await resolveMergedConnection(
        ctx,
        adapters.map((a) => a.list(filter, listOptions(args))),
        args,
        scope,
        stopsFor(filter),
      );
      for (const source of page.sources) {
        if (!source.ok) ctx.partialErrors.push(locatedError(source.error, info.fieldNodes, pathToArray(info.path)));
      }
      return page;
    },
  }),
);

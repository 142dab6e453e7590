import type { ConnectionPage } from '../pagination/paginate.js';
import { builder } from './builder.js';

// Every connection (merged and per provider) carries the count of items matching its filter.
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: true,
    description:
      'Items matching the filter across all pages, as the upstream reports it (Zenskar and StateSet `total_count`, Lemon ' +
      'Squeezy `meta.page.total`); for the merged connection the sum over the selected providers. Null when not exactly ' +
      'known (a filter applied in the gateway, a provider that failed) — never an estimate.',
    resolve: (connection) => (connection as unknown as ConnectionPage).totalCount,
  }),
);

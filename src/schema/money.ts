import type { Money as MoneyShape } from '../domain.js';
import { builder } from './builder.js';

export const Money = builder.objectRef<MoneyShape>('Money').implement({
  description:
    'An amount of money. `amount` uses the currency’s own exponent (USD 2 decimals, JPY 0, BHD 3) as decided by the ' + 'platform’s ISO 4217 data (Intl).',
  fields: (t) => ({
    amount: t.exposeString('amount', { description: 'Decimal string in major units, e.g. `"29.99"` or `"3000"` (JPY).' }),
    currency: t.exposeString('currency', { description: 'Upper-case ISO 4217 code, e.g. `USD`.' }),
    minorUnits: t.exposeInt('minorUnits', {
      description: 'The same amount as an integer count of minor units (cents for USD, yen for JPY), e.g. `2999`.',
    }),
  }),
});

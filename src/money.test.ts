import { describe, expect, it } from 'vitest';
import { currencyExponent, moneyFromMajor, moneyFromMinor } from './money.js';

describe('money', () => {
  it('takes each currency’s exponent from the platform', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(() => currencyExponent('NOT')).not.toThrow(); // Intl accepts any 3-letter code, defaulting to 2
    expect(() => currencyExponent('US')).toThrow(RangeError);
  });

  it('formats minor units (StateSet, Lemon Squeezy)', () => {
    expect(moneyFromMinor(2250, 'usd')).toEqual({ amount: '22.50', currency: 'USD', minorUnits: 2250 });
    expect(moneyFromMinor(5, 'EUR')).toEqual({ amount: '0.05', currency: 'EUR', minorUnits: 5 });
    expect(moneyFromMinor(3000, 'JPY')).toEqual({ amount: '3000', currency: 'JPY', minorUnits: 3000 });
    expect(moneyFromMinor(1234, 'BHD')).toEqual({ amount: '1.234', currency: 'BHD', minorUnits: 1234 });
    expect(moneyFromMinor(-150, 'USD')).toEqual({ amount: '-1.50', currency: 'USD', minorUnits: -150 });
    expect(() => moneyFromMinor(1.5, 'USD')).toThrow(RangeError);
  });

  it('parses major units without float artefacts (Zenskar)', () => {
    expect(moneyFromMajor(29.99, 'USD')).toEqual({ amount: '29.99', currency: 'USD', minorUnits: 2999 });
    expect(moneyFromMajor(0.1 + 0.2, 'USD')).toEqual({ amount: '0.30', currency: 'USD', minorUnits: 30 });
    expect(moneyFromMajor(100, 'JPY')).toEqual({ amount: '100', currency: 'JPY', minorUnits: 100 });
    expect(moneyFromMajor('10.005', 'USD').amount).toBe('10.01');
    expect(moneyFromMajor(1e-7, 'USD').amount).toBe('0.00');
    expect(moneyFromMajor(-5.5, 'EUR')).toEqual({ amount: '-5.50', currency: 'EUR', minorUnits: -550 });
    expect(() => moneyFromMajor('abc', 'USD')).toThrow(RangeError);
  });
});

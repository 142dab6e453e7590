/**
 * Money in the currency's own exponent, asked of the platform (Intl) rather than a hand-written table:
 * USD has 2 decimals, JPY 0, BHD 3.
 */
import type { Money } from './domain.js';

const exponents = new Map<string, number>();

/** Number of minor-unit digits of an ISO 4217 currency; throws RangeError for codes Intl does not know. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(code, exponent);
  }
  return exponent;
}

function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** From an integer amount of minor units (StateSet, Lemon Squeezy). */
export function moneyFromMinor(minorUnits: number, currency: string): Money {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`minor units must be an integer, got ${minorUnits}`);
  const code = currency.toUpperCase();
  return { amount: formatMinor(BigInt(minorUnits), currencyExponent(code)), currency: code, minorUnits };
}

/**
 * From a decimal amount in major units (Zenskar's JSON numbers such as 29.99). Rounds half away from zero to the
 * currency's exponent; the decimal text is parsed, not multiplied as a float, so 0.1 + 0.2 artefacts never appear.
 */
export function moneyFromMajor(major: number | string, currency: string): Money {
  const code = currency.toUpperCase();
  const exponent = currencyExponent(code);
  const text = typeof major === 'number' ? numberToPlainString(major) : major.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, whole, frac = ''] = m;
  let minor = BigInt(whole + (frac + '0'.repeat(exponent)).slice(0, exponent));
  const nextDigit = frac.length > exponent ? Number(frac[exponent]) : 0;
  if (nextDigit >= 5) minor += 1n;
  if (sign === '-') minor = -minor;
  const asNumber = Number(minor);
  if (!Number.isSafeInteger(asNumber)) throw new RangeError(`amount out of range: ${text}`);
  return { amount: formatMinor(minor, exponent), currency: code, minorUnits: asNumber };
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

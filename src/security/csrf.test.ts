import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsCsrfHeader } from './csrf.js';

const SIMPLE = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const randomCase = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((up) => [...text].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const parameters = fc.constantFrom('', '; charset=utf-8', ';boundary=x', ' ; q=1');

describe('needsCsrfHeader', () => {
  it('GET and HEAD never need it, whatever they declare', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'HEAD'), fc.option(fc.string(), { nil: null }), (method, type) => {
        expect(needsCsrfHeader(method, type)).toBe(false);
      }),
    );
  });

  it('any other method with a body a form can send (or none declared) needs it, in any letter case and with parameters', () => {
    const type = fc.oneof(
      fc.constant(null),
      fc.constant(''),
      fc.tuple(fc.constantFrom(...SIMPLE).chain(randomCase), parameters).map(([t, p]) => t + p),
    );
    fc.assert(
      fc.property(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'), type, (method, contentType) => {
        expect(needsCsrfHeader(method, contentType)).toBe(true);
      }),
    );
  });

  it('a JSON body, which a browser only sends cross-site after a preflight, does not', () => {
    const json = fc
      .tuple(fc.constantFrom('application/json', 'application/graphql-response+json', 'application/graphql').chain(randomCase), parameters)
      .map(([t, p]) => t + p);
    fc.assert(
      fc.property(json, (contentType) => {
        expect(needsCsrfHeader('POST', contentType)).toBe(false);
      }),
    );
  });
});

import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJsonText } from './canonical-json';

// Any JSON, as jsonb hands it back: strings of any code points (lone surrogates too), keys that look like indices or
// __proto__, -0, large and small numbers, deep nesting.
const jsonValue = fc.jsonValue({ maxDepth: 5, noUnicodeString: false });
describe('canonicalJsonText', () => {
  it('writes any JSON text exactly as the general RFC 8785 canonicaliser writes its parsed value', () => {
    fc.assert(
      fc.property(jsonValue, fc.boolean(), (value, pretty) => {
        const stored = JSON.stringify(value, null, pretty ? 1 : undefined);
        expect(canonicalJsonText(stored)).toBe(canonicalize(JSON.parse(stored)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a text that is not JSON', () => {
    expect(() => canonicalJsonText('{"a":')).toThrow(SyntaxError);
  });
});

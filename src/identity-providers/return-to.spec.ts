import { isAllowedReturnTo, withParameter } from './return-to';

describe('returnTo allow-list', () => {
  const allowed = ['https://samverkan.example.se', 'https://app.example.se/web/'];

  it('admits URLs under an allowed origin and path', () => {
    expect(isAllowedReturnTo('https://samverkan.example.se/', allowed)).toBe(true);
    expect(isAllowedReturnTo('https://samverkan.example.se/after?x=1', allowed)).toBe(true);
    expect(isAllowedReturnTo('https://app.example.se/web/start', allowed)).toBe(true);
    expect(isAllowedReturnTo('https://app.example.se/web', allowed)).toBe(true);
  });

  it('refuses other origins, look-alike hosts, other paths, schemes and userinfo', () => {
    for (const url of [
      undefined,
      'not a url',
      '/relative',
      'https://samverkan.example.se.evil.test/',
      'https://evil.test/?https://samverkan.example.se',
      'http://samverkan.example.se/',
      'https://app.example.se/webshop',
      'https://app.example.se/other',
      'javascript:alert(1)',
      'https://user@samverkan.example.se/',
      `https://samverkan.example.se/${'a'.repeat(2000)}`,
    ]) {
      expect(isAllowedReturnTo(url, allowed)).toBe(false);
    }
  });

  it('appends a parameter and drops the fragment', () => {
    expect(withParameter('https://app.example.se/web/?a=1#frag', 'signInCode', 'c')).toBe(
      'https://app.example.se/web/?a=1&signInCode=c',
    );
  });
});

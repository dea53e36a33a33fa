/**
 * Where a sign-in may send the browser back to: an absolute http(s) URL under PUBLIC_URL or one of
 * SIGN_IN_RETURN_URLS, compared by origin and path prefix (never a look-alike host such as `app.example.se.evil`).
 */
export function isAllowedReturnTo(returnTo: string | undefined, allowed: readonly string[]): returnTo is string {
  if (returnTo === undefined || returnTo.length > 2000) {
    return false;
  }
  let target: URL;
  try {
    target = new URL(returnTo);
  } catch {
    return false;
  }
  if ((target.protocol !== 'https:' && target.protocol !== 'http:') || target.username || target.password) {
    return false;
  }
  return allowed.some((prefix) => {
    const base = new URL(prefix);
    const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return (
      base.origin === target.origin && (`${target.pathname}/`.startsWith(path) || target.pathname === base.pathname)
    );
  });
}

/** The return URL with one more query parameter (signInCode or signInError); its own fragment is dropped. */
export function withParameter(returnTo: string, name: string, value: string): string {
  const url = new URL(returnTo);
  url.hash = '';
  url.searchParams.set(name, value);
  return url.toString();
}

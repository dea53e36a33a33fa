import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isForbiddenAddress } from './webhook-address';

/** Why a webhook URL may not be used. */
export type TargetRefusal = 'invalid_url' | 'not_https' | 'forbidden_address' | 'unresolvable';

export type Resolver = (host: string) => Promise<string[]>;

export const resolveHost: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) =>
      error ? reject(error) : resolve(addresses.map((entry) => entry.address)),
    ),
  );

/** URL hosts keep IPv6 literals in brackets. */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The SSRF rules, at registration and again before every delivery: https only, and every address the host
 * resolves to must be public. `allowPrivateNetworks` (development and tests) lifts both rules.
 */
export async function refuseTarget(
  url: string,
  allowPrivateNetworks: boolean,
  resolve: Resolver = resolveHost,
): Promise<TargetRefusal | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid_url';
  }
  if (parsed.protocol !== 'https:' && !(allowPrivateNetworks && parsed.protocol === 'http:')) {
    return parsed.protocol === 'http:' ? 'not_https' : 'invalid_url';
  }
  if (allowPrivateNetworks) {
    return null;
  }
  const host = bareHost(parsed.hostname);
  if (isIP(host)) {
    return isForbiddenAddress(host) ? 'forbidden_address' : null;
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) {
    return 'unresolvable';
  }
  return addresses.some(isForbiddenAddress) ? 'forbidden_address' : null;
}

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
}

/**
 * A socket lookup that refuses forbidden addresses: the connection goes to exactly the address that was
 * checked, so a DNS answer that changes between the check and the connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        return callback(error, '', 0);
      }
      const allowed = allowPrivateNetworks
        ? addresses
        : addresses.filter((entry) => !isForbiddenAddress(entry.address));
      if (allowed.length === 0 || allowed.length !== addresses.length) {
        return callback(new ForbiddenAddressError(`${hostname} resolves to a forbidden address`), '', 0);
      }
      if (options.all) {
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      }
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
